"""An independent verifier for intyg's credentials, as a wallet or a
verifier following the specifications would check them: PyJWT (from PyPI)
verifies each VC-JWT with the key its `kid` names, found only through what
`intyg publish` wrote (the did:web DID document), never through intyg. A
credential with a `credentialStatus` (W3C Bitstring Status List) is then
looked up in the status list it names: that list is verified the same way,
unzipped, and the credential's bit read.

    python3 did_jwt.py SITE_DIR FILE.jwt...

SITE_DIR stands in for the web: it is served at the DID's address.
For each file prints `FILE: valid (kid, iss[, status bit N: not set])`,
`FILE: revoked (status list URL, bit N set)` or `FILE: rejected: why`.
Exit code: the number of files not valid.
"""

import base64
import gzip
import json
import os
import sys

import jwt


def document_path(site, did):
    """Where a did:web DID document lives in a site published at the DID's
    address: .well-known/did.json for a bare host, did.json under a path."""
    rest = did[len("did:web:"):]
    return os.path.join(site, "did.json" if ":" in rest else os.path.join(".well-known", "did.json"))


def fetch(site, did, url):
    """What the web would answer for `url`: the file of the site folder,
    served at the DID's address (https://HOST[/PATH])."""
    base = "https://" + "/".join(p.replace("%3A", ":") for p in did[len("did:web:"):].split(":"))
    if not url.startswith(base + "/"):
        raise ValueError("%s is not on the issuer's site %s" % (url, base))
    with open(os.path.join(site, url[len(base) + 1:]), encoding="utf-8") as f:
        return f.read().strip()


def status_bit(site, did, status):
    """The credential's bit in its Bitstring Status List: True when set."""
    if status.get("type") != "BitstringStatusListEntry" or status.get("statusPurpose") != "revocation":
        raise ValueError("unknown credentialStatus %r" % status)
    url = status["statusListCredential"]
    _, _, listed = verify(site, fetch(site, did, url))
    if listed.get("id") != url or "BitstringStatusListCredential" not in listed.get("type", []):
        raise ValueError("%s is not a BitstringStatusListCredential" % url)
    if listed.get("iss") != did:
        raise ValueError("the status list is signed by %r, not the credential's issuer" % listed.get("iss"))
    subject = listed["credentialSubject"]
    encoded = subject["encodedList"]
    if not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    if len(bits) * 8 < 131072:
        raise ValueError("the status list is shorter than 131072 bits")
    index = int(status["statusListIndex"])
    return url, index, bool(bits[index // 8] & (0x80 >> (index % 8)))


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
    return kid, claims["iss"], claims


def main():
    site, files = sys.argv[1], sys.argv[2:]
    rejected = 0
    for name in files:
        with open(name, encoding="utf-8") as f:
            token = f.read().strip()
        try:
            kid, iss, claims = verify(site, token)
            status = claims.get("credentialStatus")
            if status is None:
                print("%s: valid (kid %s, iss %s)" % (os.path.basename(name), kid, iss))
                continue
            url, index, revoked = status_bit(site, iss, status)
            if revoked:
                rejected += 1
                print("%s: revoked (status list %s, bit %d set)" % (os.path.basename(name), url, index))
            else:
                print("%s: valid (kid %s, iss %s, status bit %d: not set)" % (os.path.basename(name), kid, iss, index))
        except Exception as e:  # every failure is a verdict, not a crash
            rejected += 1
            print("%s: rejected: %s: %s" % (os.path.basename(name), type(e).__name__, e))
    sys.exit(rejected)


if __name__ == "__main__":
    main()
