#pragma once

// An HTTP GET of a document the hub needs from elsewhere (an identity
// provider's discovery document and keys), over HTTPS verified against the
// system's certificate authorities, or plain HTTP to this machine only.
// Injected where it is used, so tests can stand in an issuer of their own.

#include <functional>
#include <utility>
#include <vector>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace fhub {

// The body of a 200 answer to GET `url` within `timeout`; UNAVAILABLE
// naming the URL otherwise (unreachable, not 200, over 1 MiB, redirected).
using HttpGet = std::function<absl::StatusOr<std::string>(
    const std::string& url, absl::Duration timeout)>;

HttpGet DefaultHttpGet();

// POST of a form (application/x-www-form-urlencoded) with the same rules;
// the answer's body whatever its status, and the status in `status`.
absl::StatusOr<std::string> HttpPostForm(
    const std::string& url,
    const std::vector<std::pair<std::string, std::string>>& form,
    absl::Duration timeout, int* status);

}  // namespace fhub
