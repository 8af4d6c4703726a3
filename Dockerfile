# The chainward command line in a container: `docker build -t chainward .`, then
# `docker run --rm chainward run --trials 1000`. The Kubernetes and AWS Batch examples in
# docs/scale-out.md run it: each task `chainward run --shard auto …`, then one `chainward merge`.
#
# The image holds what `npm pack` publishes (prepack builds it), installed with the production
# dependencies of the lock file, as `npm install chainward` would: no sources, tests or dev tools.

FROM node:20-slim AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm pack --pack-destination /tmp \
 && mkdir /package \
 && tar -xzf /tmp/chainward-*.tgz -C /package --strip-components=1

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=pack /package/ ./
COPY --from=pack /src/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force \
 && ln -s /app/bin/chainward.js /usr/local/bin/chainward

# the base image's own user (uid 1000): /app is read-only to it; parts and results go to a volume
USER node
WORKDIR /work
ENTRYPOINT ["chainward"]
CMD ["--help"]
