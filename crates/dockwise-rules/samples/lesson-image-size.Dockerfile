# Measure before and after: node:22 is the full Debian image, and the
# compilers installed for native modules stay in the image that ships.
FROM node:22
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential python3 \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
CMD ["node", "server.js"]
