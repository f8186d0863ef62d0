# API image: the locked Python dependencies and the backend. The SPA is built into the web image.
FROM python:3.11-slim AS api
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv
# Pinned: the uv that wrote uv.lock (.tools/bin/uv --version); a newer one may rewrite the lock format.
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md alembic.ini ./
COPY backend ./backend
COPY migrations ./migrations
RUN uv sync --frozen --no-dev
ENV PATH=/opt/venv/bin:$PATH KERJASAMA_ENV=prod KERJASAMA_DATA_DIR=/data
RUN useradd --system --home /app kerjasama && mkdir -p /data && chown kerjasama /data
USER kerjasama
EXPOSE 8000
CMD ["sh", "-c", "kerjasama db upgrade && kerjasama serve --host 0.0.0.0 --port 8000 --workers ${WORKERS:-4}"]

FROM node:20-slim AS web-build
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
# .dockerignore keeps the local frontend/node_modules and dist out of the context, so this copy
# brings the sources only and leaves the clean install above in place.
COPY frontend ./
RUN npm run build

FROM nginx:1.27-alpine AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /web/dist /usr/share/nginx/html
