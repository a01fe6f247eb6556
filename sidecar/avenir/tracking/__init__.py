"""avenir.tracking: the HTTP endpoints a mail client reaches (open pixel, click redirect, RFC 8058
one-click unsubscribe), calling the token functions of functions/outreach_tracking.sql."""
