#!/usr/bin/env python3
"""Decode and verify JWTs from the test OpenID provider (standard library only).

  jwt_tool.py decode JWT              header and payload as JSON
  jwt_tool.py verify JWKS_URL JWT     checks the RS256/384/512 signature with the
                                      key of the token's kid in the JWKS (pure
                                      Python RSA, PKCS#1 v1.5) and the exp/nbf
                                      times; prints {"kid", "alg", "verified"}
  jwt_tool.py pem JWKS_URL KID        the public key of KID as a PEM file, for
                                      `openssl dgst -verify` (or the hub's
                                      verifier, which takes a PEM key)

JWKS_URL may also be a path to a JWKS file. Exit status 1 when verification
fails.
"""

import base64
import hashlib
import json
import os
import ssl
import sys
import time
import urllib.request


def b64url_decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def b64url_int(value: str) -> int:
    return int.from_bytes(b64url_decode(value), "big")


def split(token: str):
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise SystemExit("not a signed JWT (expected 3 parts, got %d)" % len(parts))
    header = json.loads(b64url_decode(parts[0]))
    payload = json.loads(b64url_decode(parts[1]))
    return parts, header, payload


def load_jwks(source: str) -> dict:
    if source.startswith("http://") or source.startswith("https://"):
        cert = os.environ.get("FHUB_OIDC_TLS_CERT")  # the test provider's own certificate
        context = ssl.create_default_context(cafile=cert) if cert else None
        with urllib.request.urlopen(source, timeout=10, context=context) as response:
            return json.load(response)
    with open(source, encoding="utf-8") as f:
        return json.load(f)


def find_key(jwks: dict, kid: str) -> dict:
    for key in jwks.get("keys", []):
        if key.get("kid") == kid:
            return key
    raise SystemExit("kid %r is not in the JWKS (kids: %s)"
                     % (kid, [k.get("kid") for k in jwks.get("keys", [])]))


# DER DigestInfo prefixes of RFC 8017 section 9.2, note 1.
DIGEST_INFO = {
    "RS256": (hashlib.sha256, bytes.fromhex("3031300d060960864801650304020105000420")),
    "RS384": (hashlib.sha384, bytes.fromhex("3041300d060960864801650304020205000430")),
    "RS512": (hashlib.sha512, bytes.fromhex("3051300d060960864801650304020305000440")),
}


def rsa_pkcs1v15_verify(n: int, e: int, alg: str, signing_input: bytes, signature: bytes) -> bool:
    digest, prefix = DIGEST_INFO[alg]
    k = (n.bit_length() + 7) // 8
    if len(signature) != k:
        return False
    em = pow(int.from_bytes(signature, "big"), e, n).to_bytes(k, "big")
    t = prefix + digest(signing_input).digest()
    expected = b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t
    return em == expected


def der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def der(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + der_len(len(body)) + body


def der_int(value: int) -> bytes:
    body = value.to_bytes((value.bit_length() + 8) // 8, "big")  # keeps a leading 0 for the sign
    return der(0x02, body)


def rsa_public_pem(n: int, e: int) -> str:
    rsa_key = der(0x30, der_int(n) + der_int(e))
    algorithm = der(0x30, bytes.fromhex("06092a864886f70d010101") + b"\x05\x00")
    spki = der(0x30, algorithm + der(0x03, b"\x00" + rsa_key))
    b64 = base64.b64encode(spki).decode()
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(lines) + "\n-----END PUBLIC KEY-----\n"


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    command = argv[1]
    if command == "decode":
        _, header, payload = split(argv[2])
        print(json.dumps({"header": header, "payload": payload}, indent=2, sort_keys=True))
        return 0
    if command == "pem":
        key = find_key(load_jwks(argv[2]), argv[3])
        sys.stdout.write(rsa_public_pem(b64url_int(key["n"]), b64url_int(key["e"])))
        return 0
    if command == "verify":
        parts, header, payload = split(argv[3])
        alg, kid = header.get("alg"), header.get("kid")
        result = {"kid": kid, "alg": alg, "verified": False}
        if alg not in DIGEST_INFO:
            result["error"] = "unsupported alg %r" % alg
        else:
            jwks = load_jwks(argv[2])
            key = next((k for k in jwks.get("keys", []) if k.get("kid") == kid), None)
            if key is None:
                result["error"] = "kid not in the JWKS (kids: %s)" % [k.get("kid") for k in jwks.get("keys", [])]
                print(json.dumps(result))
                return 1
            ok = rsa_pkcs1v15_verify(b64url_int(key["n"]), b64url_int(key["e"]), alg,
                                     (parts[0] + "." + parts[1]).encode(),
                                     b64url_decode(parts[2]))
            now = time.time()
            if not ok:
                result["error"] = "bad signature"
            elif "exp" in payload and payload["exp"] < now:
                result["error"] = "expired"
            elif "nbf" in payload and payload["nbf"] > now + 30:
                result["error"] = "not yet valid"
            else:
                result["verified"] = True
        print(json.dumps(result))
        return 0 if result["verified"] else 1
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
