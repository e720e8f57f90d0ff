from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the demo's curator account (curator/curator). Refused unless DEBUG is on."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_curator makes a well-known password: only with DEBUG on (the local demo)")
        user_model = get_user_model()
        curator, created = user_model.objects.get_or_create(
            username="curator", defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            curator.set_password("curator")
            curator.save()
        self.stdout.write("curator account ready" if created else "curator account exists")
