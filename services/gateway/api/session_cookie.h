#pragma once

// What the gateway keeps in a browser between requests, sealed: the
// sign-in's PKCE verifier, state and nonce while the person is at their
// identity provider, then the access token the session calls the hub
// with. Sealed is AES-256-GCM under the gateway's session key, so a cookie
// can be neither read nor altered in the browser, and every replica that
// shares the key can open it (no session store).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub::gateway {

class SessionSeal {
 public:
  // `key_material` of any length (a file's contents); the cipher key is its
  // SHA-256. Empty: a random key, which lives as long as the process.
  explicit SessionSeal(absl::string_view key_material);

  // base64url(nonce | ciphertext | tag) of `plain`, bound to `purpose` (so
  // a login cookie cannot be replayed as a session cookie).
  std::string Seal(absl::string_view purpose, absl::string_view plain) const;
  // The plain text, or UNAUTHENTICATED when `sealed` was not sealed by
  // this key for this purpose.
  absl::StatusOr<std::string> Open(absl::string_view purpose,
                                   absl::string_view sealed) const;

 private:
  unsigned char key_[32];
};

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(absl::string_view cookie_header, absl::string_view name);

// A Set-Cookie value: HttpOnly, SameSite=Lax, Path `path`, Max-Age
// `max_age_seconds` (0 clears it), Secure unless `secure` is false.
std::string SetCookie(absl::string_view name, absl::string_view value,
                      absl::string_view path, long max_age_seconds,
                      bool secure);

}  // namespace fhub::gateway
