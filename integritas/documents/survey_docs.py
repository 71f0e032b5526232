"""Document views; filled by the part that owns them."""

urlpatterns: list = []
