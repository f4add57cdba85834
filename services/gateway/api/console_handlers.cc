// The console's side of the gateway: its sign-in (the session cookie, an
// OpenID provider's redirects, the development sign-in) and its pages.

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/gateway/api/http_gateway.h"
#include "services/gateway/api/replies.h"

namespace fhub::gateway {
namespace {

// The console loads nothing from elsewhere and is framed by nobody.
constexpr char kConsolePolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

}  // namespace

std::optional<Session> HttpGateway::SessionOf(
    const httplib::Request& req) const {
  if (options_.seal == nullptr || !req.has_header("Cookie"))
    return std::nullopt;
  return OpenSession(
      *options_.seal,
      CookieValue(req.get_header_value("Cookie"), kSessionCookie), absl::Now());
}

void HttpGateway::ServeAuth(const httplib::Request& req,
                            httplib::Response& res) {
  // The identity provider's step as a redirect, or its error as a status.
  const auto redirect = [&](const absl::StatusOr<Redirect>& to) {
    if (!to.ok()) {
      SendStatus(res, static_cast<int>(to.status().code()),
                 to.status().message());
      return;
    }
    res.status = 302;
    res.set_header("Location", to->location);
    res.set_header("Cache-Control", "no-store");
    for (const std::string& cookie : to->set_cookies) {
      res.headers.emplace("Set-Cookie", cookie);
    }
  };
  if (req.path == "/auth/session" && req.method == "GET") {
    std::optional<Session> session = SessionOf(req);
    res.set_header("Cache-Control", "no-store");
    if (!session.has_value()) {
      res.status = 401;
      Reply(res, R"({"signedIn":false})", kJson);
      return;
    }
    nlohmann::json body = {
        {"signedIn", true},
        {"via", session->via},
        {"subject", session->subject},
        {"organisation", session->organisation},
        {"roles", session->roles},
        {"expiresAt", absl::FormatTime(absl::RFC3339_sec, session->expires,
                                       absl::UTCTimeZone())}};
    Reply(res, body.dump(), kJson);
    return;
  }
  if (req.path == "/auth/sign-out" && req.method == "POST") {
    std::optional<Session> session = SessionOf(req);
    Redirect out;
    if (options_.oidc != nullptr) {
      out = options_.oidc->SignOut(
          session, CookieValue(req.get_header_value("Cookie"), kLogoutCookie));
    } else {
      out.location = "/";
      out.set_cookies = {
          SetCookie(kSessionCookie, "", "/", 0, options_.secure_cookies)};
    }
    for (const std::string& cookie : out.set_cookies) {
      res.headers.emplace("Set-Cookie", cookie);
    }
    res.set_header("Cache-Control", "no-store");
    Reply(res, nlohmann::json({{"location", out.location}}).dump(), kJson);
    return;
  }
  if (req.path == "/auth/providers" && req.method == "GET") {
    Reply(res, options_.oidc == nullptr ? "[]" : options_.oidc->ProvidersJson(),
          kJson);
    return;
  }
  if (options_.oidc == nullptr) {
    SendStatus(res, static_cast<int>(grpc::StatusCode::NOT_FOUND),
               "no identity provider is configured (trust_file)");
    return;
  }
  if (req.path == "/auth/login" && req.method == "GET") {
    redirect(options_.oidc->Begin(req.get_param_value("issuer"),
                                  req.get_param_value("return")));
    return;
  }
  if (req.path == "/auth/callback" && req.method == "GET") {
    if (req.has_param("error")) {
      SendStatus(res, static_cast<int>(grpc::StatusCode::UNAUTHENTICATED),
                 absl::StrCat("the identity provider refused the sign-in: ",
                              req.get_param_value("error"), " ",
                              req.get_param_value("error_description")));
      return;
    }
    redirect(options_.oidc->Finish(
        req.get_param_value("code"), req.get_param_value("state"),
        CookieValue(req.get_header_value("Cookie"), kLoginCookie)));
    return;
  }
  SendStatus(res, static_cast<int>(grpc::StatusCode::NOT_FOUND),
             absl::StrCat("no ", req.method, " ", req.path));
}

void HttpGateway::ServeDev(const httplib::Request& req,
                           httplib::Response& res) {
  const int not_found = static_cast<int>(grpc::StatusCode::NOT_FOUND);
  if (options_.dev_sign_in == nullptr) {
    SendStatus(res, not_found,
               "the development sign-in is served only in development mode");
    return;
  }
  if (req.path == "/dev/people" && req.method == "GET") {
    Reply(res, options_.dev_sign_in->PeopleJson(), kJson);
  } else if (req.path == "/dev/sign-in" && req.method == "POST") {
    absl::StatusOr<std::string> signed_in =
        options_.dev_sign_in->SignIn(req.body);
    if (!signed_in.ok()) {
      SendStatus(res, static_cast<int>(signed_in.status().code()),
                 signed_in.status().message());
      return;
    }
    res.set_header("Cache-Control", "no-store");
    if (options_.seal != nullptr) {
      // The console's session is a cookie whichever way it signed in.
      const nlohmann::json answer = nlohmann::json::parse(*signed_in);
      Session session;
      session.token = answer["token"];
      session.via = "dev";
      absl::ParseTime(absl::RFC3339_full,
                      answer["expiresAt"].get<std::string>(), &session.expires,
                      nullptr);
      session.subject = answer["subject"];
      session.organisation = answer["organisation"];
      session.roles = answer["roles"].get<std::vector<std::string>>();
      res.set_header(
          "Set-Cookie",
          SetCookie(kSessionCookie, SealSession(*options_.seal, session), "/",
                    std::max<int64_t>(
                        1, absl::ToInt64Seconds(session.expires - absl::Now())),
                    options_.secure_cookies));
    }
    Reply(res, *std::move(signed_in), kJson);
  } else {
    SendStatus(res, not_found, absl::StrCat("no ", req.method, " ", req.path));
  }
}

bool HttpGateway::ServeConsolePage(const httplib::Request& req,
                                   httplib::Response& res) {
  if (static_files_ == nullptr ||
      (req.method != "GET" && req.method != "HEAD") ||
      absl::StartsWith(req.path, "/v1/") ||
      absl::StartsWith(req.path, "/fhub.") ||
      absl::StartsWith(req.path, "/auth/") ||
      absl::StartsWith(req.path, "/dev/")) {
    return false;
  }
  std::shared_ptr<const StaticFile> file = static_files_->Find(req.path);
  if (file == nullptr) {
    // A page of the console (no file extension): its single page.
    const size_t slash = req.path.rfind('/');
    if (req.path.find('.', slash) != std::string::npos) return false;
    file = static_files_->Find("/index.html");
    if (file == nullptr) return false;
  }
  const bool html = absl::StartsWith(file->content_type, "text/html");
  if (html) {
    res.set_header("Content-Security-Policy", kConsolePolicy);
    res.set_header("X-Frame-Options", "DENY");
  }
  res.set_header("Cache-Control", file->immutable
                                      ? "public, max-age=31536000, immutable"
                                      : "no-cache");
  res.set_header("Vary", "Accept-Encoding");
  if (!file->gzipped.empty() &&
      absl::StrContains(req.get_header_value("Accept-Encoding"), "gzip")) {
    res.set_header("Content-Encoding", "gzip");
    Reply(res, file->gzipped, file->content_type);
  } else {
    Reply(res, file->body, file->content_type);
  }
  return true;
}

}  // namespace fhub::gateway
