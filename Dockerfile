# One image for web, worker and beat. Python 3.12: Django 6 and librosa 1.0 need it.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production
# ffmpeg is not needed: soundfile's wheel decodes MP3, PyAV's wheel carries FFmpeg for AAC.
RUN useradd --create-home --uid 1000 app
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=app:app . .
# collectstatic needs settings to import; these throwaway values exist only for this build step.
RUN SECRET_KEY=build-only-collectstatic-key-not-used-at-run-time-0123456789 ALLOWED_HOSTS=build \
    TOKEN_ENCRYPTION_KEYS=YnVpbGQtb25seS1rZXktbm90LXVzZWQtYXQtcnVuLXQ= SPOTIFY_SANDBOX_FORCE=1 \
    python manage.py collectstatic --no-input
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30"]
