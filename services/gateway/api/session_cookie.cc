#include "services/gateway/api/session_cookie.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace fhub::gateway {
namespace {

constexpr int kNonce = 12;
constexpr int kTag = 16;

using Cipher = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

}  // namespace

SessionSeal::SessionSeal(absl::string_view key_material) {
  if (key_material.empty()) {
    RAND_bytes(key_, sizeof(key_));
  } else {
    SHA256(reinterpret_cast<const unsigned char*>(key_material.data()),
           key_material.size(), key_);
  }
}

std::string SessionSeal::Seal(absl::string_view purpose,
                              absl::string_view plain) const {
  std::string out(kNonce + plain.size() + kTag, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  RAND_bytes(bytes, kNonce);
  Cipher ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_, bytes);
  EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                    reinterpret_cast<const unsigned char*>(purpose.data()),
                    static_cast<int>(purpose.size()));
  EVP_EncryptUpdate(ctx.get(), bytes + kNonce, &len,
                    reinterpret_cast<const unsigned char*>(plain.data()),
                    static_cast<int>(plain.size()));
  EVP_EncryptFinal_ex(ctx.get(), bytes + kNonce + len, &len);
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag,
                      bytes + kNonce + plain.size());
  return absl::WebSafeBase64Escape(out);
}

absl::StatusOr<std::string> SessionSeal::Open(absl::string_view purpose,
                                              absl::string_view sealed) const {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(sealed, &raw) ||
      raw.size() < static_cast<size_t>(kNonce + kTag)) {
    return absl::UnauthenticatedError("the session cookie is not ours");
  }
  auto* bytes = reinterpret_cast<unsigned char*>(raw.data());
  const int body = static_cast<int>(raw.size()) - kNonce - kTag;
  std::string plain(static_cast<size_t>(body), '\0');
  Cipher ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_, bytes);
  EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                    reinterpret_cast<const unsigned char*>(purpose.data()),
                    static_cast<int>(purpose.size()));
  EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()),
                    &len, bytes + kNonce, body);
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag,
                      bytes + kNonce + body);
  unsigned char none[16];
  if (EVP_DecryptFinal_ex(ctx.get(), none, &len) != 1) {
    return absl::UnauthenticatedError("the session cookie is not ours");
  }
  return plain;
}

std::string CookieValue(absl::string_view cookie_header,
                        absl::string_view name) {
  for (absl::string_view part : absl::StrSplit(cookie_header, ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::ConsumePrefix(&part, name) && absl::ConsumePrefix(&part, "=")) {
      return std::string(part);
    }
  }
  return "";
}

std::string SetCookie(absl::string_view name, absl::string_view value,
                      absl::string_view path, long max_age_seconds,
                      bool secure) {
  return absl::StrCat(name, "=", value, "; Path=", path,
                      "; Max-Age=", max_age_seconds, "; HttpOnly",
                      secure ? "; Secure" : "", "; SameSite=Lax");
}

}  // namespace fhub::gateway
