// Placeholder so the target exists in a clean clone (git does not keep empty folders).
import Testing
