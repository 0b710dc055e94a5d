# One replica of the bot. Build: docker build -t ketamine-faq-bot .
# Run (SQLite in a volume):   docker run -p 3978:3978 -v faq-data:/app/data ketamine-faq-bot
# Run (PostgreSQL, replicas): docker run -p 3978:3978 -e DATABASE_URL=postgres://bot:secret@db:5432/bot ketamine-faq-bot
FROM node:20-slim

# hnswlib-node and better-sqlite3 are native modules: a compiler and Python for node-gyp when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The server bundle and the vector index are built into the image, so a container starts answering in seconds
# and every replica serves the very same index.
RUN npm run build && npm run index

ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978
EXPOSE 3978
# node directly (not npm start): it receives SIGTERM itself and drains in-flight requests (SHUTDOWN_TIMEOUT_MS).
CMD ["node", "--enable-source-maps", "--max-old-space-size=256", "--max-semi-space-size=2", ".build/server.mjs"]
