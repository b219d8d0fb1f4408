# One image for every zonetrace process; the compose file picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DATA_DIR=/data
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY db/package.json db/
COPY broker/package.json broker/
COPY api/package.json api/
COPY edge-agent/package.json edge-agent/
COPY firmware-sim/package.json firmware-sim/
COPY dashboards/package.json dashboards/
COPY cli/package.json cli/
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN mkdir -p /data && chown node:node /data
USER node
ENTRYPOINT ["node", "bin/zonetrace.js"]
CMD ["--help"]
