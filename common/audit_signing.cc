#include "common/audit_signing.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"

namespace fhub {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Md = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string Sha256(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         digest);
  return std::string(reinterpret_cast<char*>(digest), sizeof(digest));
}

std::string Raw(EVP_PKEY* key, bool private_part) {
  size_t size = 32;
  std::string out(size, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  const int ok = private_part ? EVP_PKEY_get_raw_private_key(key, bytes, &size)
                              : EVP_PKEY_get_raw_public_key(key, bytes, &size);
  if (ok != 1) return "";
  out.resize(size);
  return out;
}

}  // namespace

absl::StatusOr<AuditSigner> AuditSigner::FromPem(absl::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
          EVP_PKEY_free);
  if (key == nullptr || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError(
        "the audit key must be an Ed25519 private key in PEM "
        "(openssl genpkey -algorithm ed25519)");
  }
  AuditSigner signer;
  signer.private_raw_ = Raw(key.get(), true);
  signer.public_key_ = Raw(key.get(), false);
  return signer;
}

AuditSigner AuditSigner::Generate() {
  EVP_PKEY* raw = nullptr;
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY_keygen_init(ctx.get());
  EVP_PKEY_keygen(ctx.get(), &raw);
  Key key(raw, EVP_PKEY_free);
  AuditSigner signer;
  signer.private_raw_ = Raw(key.get(), true);
  signer.public_key_ = Raw(key.get(), false);
  return signer;
}

std::string AuditSigner::Sign(absl::string_view message) const {
  Key key(EVP_PKEY_new_raw_private_key(
              EVP_PKEY_ED25519, nullptr,
              reinterpret_cast<const unsigned char*>(private_raw_.data()),
              private_raw_.size()),
          EVP_PKEY_free);
  Md md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::string signature(64, '\0');
  size_t size = signature.size();
  EVP_DigestSignInit(md.get(), nullptr, nullptr, nullptr, key.get());
  EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(signature.data()),
                 &size, reinterpret_cast<const unsigned char*>(message.data()),
                 message.size());
  signature.resize(size);
  return signature;
}

bool VerifyAuditSignature(absl::string_view public_key,
                          absl::string_view message,
                          absl::string_view signature) {
  if (public_key.size() != 32 || signature.size() != 64) return false;
  Key key(EVP_PKEY_new_raw_public_key(
              EVP_PKEY_ED25519, nullptr,
              reinterpret_cast<const unsigned char*>(public_key.data()),
              public_key.size()),
          EVP_PKEY_free);
  if (key == nullptr) return false;
  Md md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (EVP_DigestVerifyInit(md.get(), nullptr, nullptr, nullptr, key.get()) !=
      1) {
    return false;
  }
  return EVP_DigestVerify(
             md.get(), reinterpret_cast<const unsigned char*>(signature.data()),
             signature.size(),
             reinterpret_cast<const unsigned char*>(message.data()),
             message.size()) == 1;
}

std::string MerkleRoot(std::vector<ChainHead> heads) {
  std::sort(heads.begin(), heads.end(),
            [](const ChainHead& a, const ChainHead& b) {
              return a.chain < b.chain;
            });
  if (heads.empty()) return Sha256("");
  std::vector<std::string> level;
  for (const ChainHead& h : heads) {
    level.push_back(Sha256(absl::StrCat(std::string(1, '\0'), h.chain,
                                        std::string(1, '\0'), h.index,
                                        std::string(1, '\0'), h.hash)));
  }
  while (level.size() > 1) {
    std::vector<std::string> next;
    for (size_t i = 0; i < level.size(); i += 2) {
      if (i + 1 == level.size()) {
        next.push_back(level[i]);
      } else {
        next.push_back(Sha256(absl::StrCat("\x01", level[i], level[i + 1])));
      }
    }
    level = std::move(next);
  }
  return level.front();
}

}  // namespace fhub
