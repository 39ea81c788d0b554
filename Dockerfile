# Builds the kinerja CLI. Used by docker-compose.yml (the database is the `db` service).
FROM swift:6.0-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev libssl-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN swift build -c release --static-swift-stdlib --product kinerja \
    && cp .build/release/kinerja /usr/local/bin/kinerja \
    && cp -r .build/release/kinerja_KinerjaHTTP.resources /usr/local/bin/

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libssl3 ca-certificates libcurl4 libxml2 && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/kinerja /usr/local/bin/kinerja
COPY --from=build /usr/local/bin/kinerja_KinerjaHTTP.resources /usr/local/bin/kinerja_KinerjaHTTP.resources
ENTRYPOINT ["kinerja"]
