"""A real SMTP server on loopback for intyg's e-mail tests, made with aiosmtpd.

    python3 tests/smtp_server.py MAILDIR [--reject ADDRESS]... [--stop-after N]
                                 [--user USER --password PASSWORD]
                                 [--tls-cert CERT.pem --tls-key KEY.pem]

Prints "PORT <n>" on stdout once it listens on 127.0.0.1. Each message it
accepts is written, before the server replies 250, as MAILDIR/NNNN.eml with
MAILDIR/NNNN.json beside it holding the envelope (mail_from, rcpt_tos) and
the message as Python's own e-mail parser reads it: from, to, subject, the
plain and HTML bodies, and each attachment's name, type and SHA-256.
--reject refuses a recipient with 550; --stop-after ends the server (as a
crash would) right after the N-th message is accepted; --user and --password
make it require AUTH; --tls-cert and --tls-key make it require STARTTLS.
"""

import argparse
import asyncio
import email
import email.policy
import hashlib
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, maildir, reject, stop_after):
        self.maildir = maildir
        self.reject = {a.lower() for a in reject}
        self.stop_after = stop_after
        self.count = len([n for n in os.listdir(maildir) if n.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.maildir, "%04d" % self.count)
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        plain = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        seen = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg["from"]),
            "to": str(msg["to"]),
            "subject": str(msg["subject"]),
            "message_id": str(msg["message-id"]),
            "body": plain.get_content() if plain else None,
            "html": html.get_content() if html else None,
            "attachments": [
                {
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "sha256": hashlib.sha256(part.get_payload(decode=True)).hexdigest(),
                }
                for part in msg.iter_attachments()
            ],
        }
        for path, data in ((stem + ".eml", raw), (stem + ".json", json.dumps(seen, ensure_ascii=False).encode())):
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.replace(path + ".tmp", path)
        if self.stop_after and self.count >= self.stop_after:
            # Gone as a crashed server is, once this reply is on its way.
            asyncio.get_running_loop().call_later(0.05, os._exit, 0)
        return "250 2.0.0 Ok: queued as %04d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("maildir")
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--stop-after", type=int, default=0)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    args = parser.parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    handler = Handler(args.maildir, args.reject, args.stop_after)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == args.user
            and auth_data.password.decode() == args.password
        )
        return AuthResult(success=ok, handled=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    auth = {}
    if args.user:
        auth = dict(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.tls_cert))
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        auth.update(tls_context=context, require_starttls=True)
    factory = lambda: SMTP(handler, hostname="intyg-test.localhost", enable_SMTPUTF8=True, **auth)
    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0))
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    try:
        loop.run_forever()
    finally:
        sys.stdout.flush()


if __name__ == "__main__":
    main()
