"""An independent verifier for intyg's credentials, as a wallet or a
verifier following the specifications would check them: PyJWT (from PyPI)
verifies each VC-JWT with the key its `kid` names, found only through what
`intyg publish` wrote (the did:web DID document), never through intyg.

    python3 did_jwt.py SITE_DIR FILE.jwt...

For each file prints `FILE: valid (kid, iss)` or `FILE: rejected: why`.
Exit code: the number of rejected files.
"""

import json
import os
import sys

import jwt


def document_path(site, did):
    """Where a did:web DID document lives in a site published at the DID's
    address: .well-known/did.json for a bare host, did.json under a path."""
    rest = did[len("did:web:"):]
    return os.path.join(site, "did.json" if ":" in rest else os.path.join(".well-known", "did.json"))


def verify(site, token):
    header = jwt.get_unverified_header(token)
    kid = header.get("kid", "")
    if not kid.startswith("did:web:") or "#" not in kid:
        raise ValueError("kid %r is not a did:web DID URL" % kid)
    did = kid.split("#", 1)[0]
    with open(document_path(site, did), encoding="utf-8") as f:
        document = json.load(f)
    if document.get("id") != did:
        raise ValueError("the DID document is for %r, not %r" % (document.get("id"), did))
    if kid not in document.get("assertionMethod", []):
        raise ValueError("%s may not sign credentials (not an assertionMethod)" % kid)
    methods = [m for m in document.get("verificationMethod", []) if m.get("id") == kid]
    if not methods:
        raise ValueError("the DID document has no key %s" % kid)
    key = jwt.PyJWK(methods[0]["publicKeyJwk"], algorithm="EdDSA").key
    claims = jwt.decode(token, key, algorithms=["EdDSA"], options={"verify_exp": False, "verify_nbf": False})
    if claims.get("iss") != did:
        raise ValueError("iss %r is not the key's DID %r" % (claims.get("iss"), did))
    if claims.get("issuer", {}).get("id") != did:
        raise ValueError("the credential's issuer is not %r" % did)
    return kid, claims["iss"]


def main():
    site, files = sys.argv[1], sys.argv[2:]
    rejected = 0
    for name in files:
        with open(name, encoding="utf-8") as f:
            token = f.read().strip()
        try:
            kid, iss = verify(site, token)
            print("%s: valid (kid %s, iss %s)" % (os.path.basename(name), kid, iss))
        except Exception as e:  # every failure is a verdict, not a crash
            rejected += 1
            print("%s: rejected: %s: %s" % (os.path.basename(name), type(e).__name__, e))
    sys.exit(rejected)


if __name__ == "__main__":
    main()
