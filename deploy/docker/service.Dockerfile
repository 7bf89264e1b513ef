# syntax=docker/dockerfile:1
# One image recipe for every service. Build from the repository root:
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=gateway -t pipewright/gateway .
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY libs libs
COPY services services
COPY e2e/package.json e2e/package.json
COPY bench/package.json bench/package.json
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY proto proto
COPY tools tools
COPY tsconfig.base.json ./
RUN bash tools/generate-proto.sh && node tools/build.mjs

FROM node:24-bookworm-slim AS deps
WORKDIR /src
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/libs libs
COPY --from=build /src/services services
COPY --from=build /src/e2e/package.json e2e/package.json
COPY --from=build /src/bench/package.json bench/package.json
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:24-bookworm-slim
ARG SERVICE
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=root:root /src/node_modules node_modules
COPY --from=build --chown=root:root /src/dist dist
WORKDIR /app/dist/services/${SERVICE}/src
RUN test -f main.js || (echo "no service named '${SERVICE}' (set --build-arg SERVICE)" >&2; exit 1)
USER node
# Ports: gateway 8080; leads-contacts 8081 and gRPC 50051; deals-pipelines 8082 and gRPC 50052; directory 8083 and gRPC 50053.
# V8 starts its young generation at the full 16 MB (not 1 MB, growing) and first collects old space at
# 128 MB (not a few): at the default sizes a busy service promoted request objects in flight and ran a
# full collection every second (bench/README.md, "Garbage collection"). NODE_OPTIONS may not carry
# these flags; the heap limits stay in the charts' NODE_OPTIONS.
ENTRYPOINT ["node", "--enable-source-maps", "--min-semi-space-size=16", "--initial-old-space-size=128"]
CMD ["main.js"]
