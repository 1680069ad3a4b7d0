# One image for every Kai service; docker-compose.yml picks the service with SERVICE.
FROM node:20-bookworm-slim
WORKDIR /app
# Learning reads screenshots with Tesseract when no Gemini key is set.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
  && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
ENV NODE_ENV=production
CMD ["sh", "-c", "exec node --import tsx ${SERVICE}/src/main.ts"]
