# Casebook container: a release build with cargo-leptos, then a slim runtime image.
# Build:  docker build -t casebook .
# Run:    docker run -p 3000:3000 -v casebook-data:/data casebook

FROM node:22-bookworm-slim AS node

FROM rust:1.95-bookworm AS build
# Tailwind v4 and npm's binaryen need a current Node.js; Debian bookworm ships 18.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY . .
RUN .ci/setup build \
 && PATH="/src/style/node_modules/.bin:$PATH" cargo leptos build --release --split --precompress

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin casebook \
 && mkdir -p /data && chown casebook /data
WORKDIR /app
# hash.txt must sit beside the binary: Leptos reads the hashed asset names from there.
COPY --from=build /src/target/release/casebook /src/target/release/hash.txt /app/
COPY --from=build /src/target/site /app/site
USER casebook
ENV CASEBOOK_ADDR=0.0.0.0:3000 \
    CASEBOOK_DATA_DIR=/data \
    CASEBOOK_SITE_DIR=/app/site \
    CASEBOOK_LOG_FORMAT=json
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:3000/healthz || exit 1
ENTRYPOINT ["/app/casebook"]
