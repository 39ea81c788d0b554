/// The JSON endpoint for dashboards (being built: issue #6).
public enum KinerjaHTTP {}
