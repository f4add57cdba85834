#!/usr/bin/env python3
"""The test provider's content, for glewlwyd.sh (standard library only).

  configure.py initdb DIR BASE     DIR/settings.json from the FHUB_OIDC_* variables,
                                   a fresh SQLite database from the package's SQL
  configure.py setup DIR [PID T0]  configure the running glewlwyd through its admin
                                   REST API; prints the JSON summary (T0: start time,
                                   nanoseconds since the epoch, for start_seconds)
  configure.py rotate DIR COUNCIL  new signing key for that council's issuer

DIR/settings.json (written by glewlwyd.sh start) holds the settings: base URL,
client id, redirect URIs, token lifetime, resource indicators, audience scopes.
One process makes all the admin calls over one cookie session: on a busy
2-core machine each jq or curl start costs 0.1-0.3 s, the calls themselves 10-20 ms.
"""

import gzip
import http.cookiejar
import json
import os
import ssl
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

# knowsley's issuer is one the hub's tests do not trust (a wrong issuer).
COUNCILS = ["sefton", "wirral", "knowsley"]
ADMIN = ("admin", "password")  # created by the package's SQL

# Users live in one user store shared by both issuers (glewlwyd's design), so
# each issuer reads its own roles property, roles_<council>: a Sefton user who
# signs in at the Wirral issuer gets tokens without roles.
USERS = [
    {"username": "sefton-commissioner", "password": "correct-horse-1", "name": "Sam Sefton",
     "roles_sefton": ["fhub-commissioner"]},
    {"username": "sefton-lead", "password": "correct-horse-2", "name": "Lee Sefton",
     "roles_sefton": ["fhub-lead-admin", "fhub-commissioner"]},
    {"username": "sefton-noroles", "password": "correct-horse-4", "name": "Nora Sefton"},
    {"username": "wirral-commissioner", "password": "correct-horse-3", "name": "Wyn Wirral",
     "roles_wirral": ["fhub-commissioner"]},
    {"username": "knowsley-commissioner", "password": "correct-horse-5", "name": "Kit Knowsley",
     "roles_knowsley": ["fhub-commissioner"]},
    # At Sefton's issuer, a token whose org claim names Wirral: what a tenant
    # that tried to speak for another council would send.
    {"username": "sefton-impostor", "password": "correct-horse-6", "name": "Imogen Sefton",
     "roles_sefton": ["fhub-commissioner"], "org_sefton": "authorities/wirral"},
]
for _user in USERS:
    for _council in COUNCILS:
        _user.setdefault("roles_" + _council, [])


SCHEMAS = [
    "/usr/share/dbconfig-common/data/glewlwyd/install/sqlite3",
    "/usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz",
]


def settings(directory):
    with open(os.path.join(directory, "settings.json"), encoding="utf-8") as f:
        return json.load(f)


def words(value):
    return [w for w in value.split(" ") if w]


def write_settings(directory, base):
    env = os.environ.get
    cfg = {
        "base": base,
        "client_id": env("FHUB_OIDC_CLIENT_ID") or "fhub",
        "redirect_uris": words(env("FHUB_OIDC_REDIRECT_URI") or "http://127.0.0.1:7000/auth/callback"),
        "token_ttl": int(env("FHUB_OIDC_TOKEN_TTL") or "3600"),
        "resources": words(env("FHUB_OIDC_RESOURCES") or "https://fhub http://localhost/fhub"),
        "audience_scopes": words(env("FHUB_OIDC_AUDIENCE_SCOPES", "fhub")),
    }
    origins = []
    for uri in cfg["redirect_uris"]:
        origin = "/".join(uri.split("/")[:3]) + "/"
        if origin not in origins:
            origins.append(origin)
    cfg["post_logout_redirect_uris"] = words(env("FHUB_OIDC_POST_LOGOUT_REDIRECT_URI") or " ".join(origins))
    with open(os.path.join(directory, "settings.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f, indent=2)


def initdb(directory, random_sub):
    schema = next((p for p in SCHEMAS if os.path.exists(p)), None)
    if schema is None:
        raise SystemExit("no glewlwyd SQLite schema found: is the glewlwyd package installed?")
    opener = gzip.open if schema.endswith(".gz") else open
    with opener(schema, "rt", encoding="utf-8") as f:
        sql = f.read()
    path = os.path.join(directory, "glewlwyd.db")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    # One transaction: statement by statement, each with its own sync, takes
    # about 2 s here. WAL stays with the file, so that glewlwyd's own writes
    # (users, codes, tokens) cost one sync each.
    db.executescript("BEGIN;\n" + sql + "\nCOMMIT;")
    if not random_sub:
        # "sub" = the username. glewlwyd otherwise draws a random 32-character
        # sub per user and issuer on first use; it reuses a row that is there.
        db.executemany(
            "INSERT INTO gpo_subject_identifier (gposi_plugin_name, gposi_username, gposi_sub)"
            " VALUES (?, ?, ?)",
            [("oidc-" + c, u["username"], u["username"]) for c in COUNCILS for u in USERS])
        db.commit()
    db.execute("PRAGMA journal_mode=WAL")
    db.close()


def tls_context():
    """Trusts FHUB_OIDC_TLS_CERT when the provider serves HTTPS with it."""
    cert = os.environ.get("FHUB_OIDC_TLS_CERT")
    return ssl.create_default_context(cafile=cert) if cert else None


class Admin:
    def __init__(self, base):
        self.base = base.rstrip("/") + "/api"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.HTTPSHandler(context=tls_context()))
        self.call("POST", "/auth", {"username": ADMIN[0], "password": ADMIN[1]})

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(request, timeout=30) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as e:
            raise SystemExit("glewlwyd admin API: %s %s -> HTTP %d: %s"
                             % (method, path, e.code, e.read().decode()[:2000]))
        return json.loads(text) if text.strip().startswith(("{", "[")) else text


def plugin(council, cfg, jwks, kid):
    base = cfg["base"]
    return {
        "module": "oidc", "name": "oidc-" + council,
        "display_name": "Test IdP for " + council, "enabled": True,
        "parameters": {
            "iss": "%s/api/oidc-%s" % (base, council),
            "jwks-private": json.dumps(jwks), "default-kid": kid, "jwks-show": True,
            "access-token-duration": cfg["token_ttl"], "refresh-token-duration": 86400,
            "code-duration": 600, "refresh-token-rolling": False,
            # true only so that a request for the scope "fhub" alone (no openid)
            # is served, as plain OAuth2: glewlwyd sets an access token's aud to
            # the resource indicator, or else to the scope list, so that token's
            # aud is "fhub" (and it comes without an ID token).
            "allow-non-oidc": True,
            "allowed-scope": ["openid"] + cfg["audience_scopes"],
            "auth-type-code-enabled": True, "auth-type-refresh-enabled": True,
            "auth-type-token-enabled": False, "auth-type-password-enabled": False,
            "auth-type-client-enabled": False, "auth-type-device-enabled": False,
            "auth-type-code-revoke-replayed": True,
            "pkce-allowed": True, "pkce-method-plain-allowed": False,
            "pkce-required-public-client": True,
            "subject-type": "public",
            "scope": [],
            "name-claim": "mandatory", "email-claim": "mandatory", "scope-claim": "no",
            "address-claim": {"type": "no"},
            # ID token and userinfo: roles as a JSON array (a multi-valued property)
            "claims": [
                {"name": "roles", "user-property": "roles_" + council, "type": "string",
                 "mandatory": True, "on-demand": True},
                {"name": "preferred_username", "user-property": "username", "type": "string",
                 "mandatory": True, "on-demand": True},
            ],
            # access token: user properties as top-level claims, always strings
            # (glewlwyd joins a multi-valued one with commas)
            "additional-parameters": [
                {"user-parameter": "roles_" + council, "token-parameter": "roles"},
                {"user-parameter": "org_" + council, "token-parameter": "org"},
                {"user-parameter": "username", "token-parameter": "preferred_username"},
            ],
            # end_session and check_session_iframe; login.html's logout screen
            # also needs front-channel logout on (its session list API answers
            # 400 otherwise and the "Logout" button does nothing)
            "session-management-allowed": True,
            "front-channel-logout-allowed": True,
            "session-cookie-name": "GLEWLWYD2_OIDC_SID_" + council,
            "session-cookie-expiration": 86400,
            "resource-allowed": True,
            "resource-scope": {"openid": cfg["resources"]},
            "resource-scope-and-client-property": False,
            "oauth-as-iss-id": True,
            "introspection-revocation-allowed": False,
            "register-client-allowed": False,
        },
    }


def read_jwks(directory, council):
    with open(os.path.join(directory, "keys", council + ".jwks"), encoding="utf-8") as f:
        return json.load(f)


def setup(directory, pid=None, t0=None):
    cfg = settings(directory)
    api = Admin(cfg["base"])
    grant = " ".join(["openid"] + cfg["audience_scopes"])

    # The database user backend: two multi-valued role properties, and a low
    # PBKDF2 count (a test setting: the default makes each sign-in slow).
    module = api.call("GET", "/mod/user/database")
    params = module["parameters"]
    params["pbkdf2-iterations"] = 1000
    for council in COUNCILS:
        params["data-format"]["roles_" + council] = {
            "multiple": True, "read": True, "write": True,
            "profile-read": True, "profile-write": False}
        params["data-format"]["org_" + council] = {
            "multiple": False, "read": True, "write": True,
            "profile-read": True, "profile-write": False}
    api.call("PUT", "/mod/user/database",
             {k: module[k] for k in ("display_name", "order_rank", "readonly", "enabled") if k in module}
             | {"parameters": params})
    api.call("PUT", "/mod/user/database/reset")  # the running instance rereads them

    # The client backend: the OIDC plugin reads a client's logout redirects
    # from "post_logout_redirect_uris", a property the package's client
    # backend does not declare (it has a singular "post_logout_redirect_uri"
    # that nothing reads), so end_session would ignore post_logout_redirect_uri.
    module = api.call("GET", "/mod/client/database")
    params = module["parameters"]
    params["data-format"]["post_logout_redirect_uris"] = {"multiple": True, "read": True, "write": True}
    api.call("PUT", "/mod/client/database",
             {k: module[k] for k in ("display_name", "order_rank", "readonly", "enabled") if k in module}
             | {"parameters": params})
    api.call("PUT", "/mod/client/database/reset")

    for scope in cfg["audience_scopes"]:
        api.call("POST", "/scope/", {
            "name": scope, "display_name": "Framework Hub (%s)" % scope,
            "description": "access tokens whose audience is %s" % scope,
            "password_required": True, "password_max_age": 0, "scheme": {}})

    for user in USERS:
        api.call("POST", "/user/", {
            "username": user["username"], "password": user["password"], "name": user["name"],
            "email": user["username"] + "@example.test", "enabled": True,
            "scope": grant.split()}
            | {k: v for k, v in user.items() if k.startswith(("roles_", "org_"))})

    api.call("POST", "/client/", {
        "client_id": cfg["client_id"], "name": "Framework Hub (test)", "enabled": True,
        "confidential": False, "redirect_uri": cfg["redirect_uris"],
        "authorization_type": ["code", "refresh_token"],
        "token_endpoint_auth_method": ["none"],
        "post_logout_redirect_uris": cfg["post_logout_redirect_uris"], "scope": []})

    kids = {}
    for council in COUNCILS:
        jwks = read_jwks(directory, council)
        kids[council] = jwks["keys"][0]["kid"]
        api.call("POST", "/mod/plugin/", plugin(council, cfg, jwks, kids[council]))

    # Consent, given once by the admin for each user, so that neither the token
    # command nor a browser meets glewlwyd's "grant access" screen.
    for user in USERS:
        api.call("PUT", "/delegate/%s/auth/grant/%s" % (user["username"], cfg["client_id"]),
                 {"scope": grant})

    base = cfg["base"]
    started = {}
    if pid:
        started["pid"] = int(pid)
    if t0:
        started["start_seconds"] = round(time.time() - int(t0) / 1e9, 3)
    print(json.dumps(started | {
        "base": base, "dir": directory,
        "issuers": [{
            "council": c, "issuer": "%s/api/oidc-%s" % (base, c),
            "discovery": "%s/api/oidc-%s/.well-known/openid-configuration" % (base, c),
            "jwks_uri": "%s/api/oidc-%s/jwks" % (base, c), "signing_kid": kids[c]}
            for c in COUNCILS],
        "client": {"client_id": cfg["client_id"], "public": True, "pkce": "S256",
                   "redirect_uris": cfg["redirect_uris"],
                   "post_logout_redirect_uris": cfg["post_logout_redirect_uris"], "scopes": grant.split(),
                   "id_token_aud": cfg["client_id"]},
        "access_token_aud": {"default": "openid (the scope list)",
                             "resource_indicators": cfg["resources"],
                             "bare_scope_audiences": cfg["audience_scopes"]},
        "token_ttl_seconds": cfg["token_ttl"],
        "login_page": base + "/login.html",
        "admin": {"username": ADMIN[0], "password": ADMIN[1], "ui": base + "/index.html"},
        "users": [{k: v for k, v in u.items() if k != "name"} for u in USERS],
    }, indent=2))


def rotate(directory, council, keep):
    cfg = settings(directory)
    if council not in COUNCILS:
        raise SystemExit("unknown issuer: %s (one of %s)" % (council, ", ".join(COUNCILS)))
    kid = "%s-%s-%s" % (council, time.strftime("%Y%m%dT%H%M%S", time.gmtime()), os.urandom(3).hex())
    new = os.path.join(directory, "keys", council + ".new.jwks")
    subprocess.run(["rnbyc", "-j", "-g", "RSA2048", "-k", kid, "-a", "RS256",
                    "-o", new, "-p", "/dev/null", "-n", "0"], check=True, stdout=subprocess.DEVNULL)
    with open(new, encoding="utf-8") as f:
        fresh = json.load(f)
    # Newest first, and the previous keys stay published (up to `keep` in all)
    # so that tokens signed before the rotation still verify.
    jwks = {"keys": (fresh["keys"] + read_jwks(directory, council)["keys"])[:keep]}
    api = Admin(cfg["base"])
    name = "oidc-" + council
    current = api.call("GET", "/mod/plugin/" + name)
    params = current["parameters"] | {"jwks-private": json.dumps(jwks), "default-kid": kid}
    api.call("PUT", "/mod/plugin/" + name,
             {k: current[k] for k in ("display_name", "readonly", "enabled") if k in current}
             | {"parameters": params})
    api.call("PUT", "/mod/plugin/%s/reset" % name)  # PUT alone only stores them
    with open(os.path.join(directory, "keys", council + ".jwks"), "w", encoding="utf-8") as f:
        json.dump(jwks, f)
    os.remove(new)
    with urllib.request.urlopen("%s/api/%s/jwks" % (cfg["base"], name), timeout=10,
                                context=tls_context()) as r:
        published = [k.get("kid") for k in json.load(r)["keys"]]
    print(json.dumps({"issuer": "%s/api/%s" % (cfg["base"], name), "signing_kid": kid,
                      "jwks_kids": published}))


def set_ttl(directory, council, seconds):
    """The issuer's token lifetime from now on (tokens already made keep theirs)."""
    cfg = settings(directory)
    if council not in COUNCILS:
        raise SystemExit("unknown issuer: %s (one of %s)" % (council, ", ".join(COUNCILS)))
    api = Admin(cfg["base"])
    name = "oidc-" + council
    current = api.call("GET", "/mod/plugin/" + name)
    params = current["parameters"] | {"access-token-duration": seconds}
    api.call("PUT", "/mod/plugin/" + name,
             {k: current[k] for k in ("display_name", "readonly", "enabled") if k in current}
             | {"parameters": params})
    api.call("PUT", "/mod/plugin/%s/reset" % name)
    print(json.dumps({"issuer": "%s/api/%s" % (cfg["base"], name), "token_ttl_seconds": seconds}))


def main(argv):
    if len(argv) >= 4 and argv[1] == "initdb":
        write_settings(argv[2], argv[3])
        initdb(argv[2], os.environ.get("FHUB_OIDC_RANDOM_SUB") == "1")
    elif len(argv) >= 3 and argv[1] == "setup":
        setup(*argv[2:5])
    elif len(argv) >= 5 and argv[1] == "ttl":
        set_ttl(argv[2], argv[3], int(argv[4]))
    elif len(argv) >= 4 and argv[1] == "rotate":
        rotate(argv[2], argv[3], int(os.environ.get("FHUB_OIDC_KEEP_KEYS", "2")))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
