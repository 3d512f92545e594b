#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

// One place that decides what a secret looks like in text meant for people: log lines,
// error messages, the error log file and the --json output all pass through here.
namespace Redaction {

inline constexpr QLatin1StringView Mask {"[redacted]"};

// Remembers a secret value (bearer, client secret, API key...) so that scrub() masks it
// wherever it appears later. Values shorter than 4 characters are ignored: masking them
// would mangle ordinary words and they are not secrets worth the name.
void registerSecret(const QString &value);
void forgetAllSecrets();

// Masks every registered secret in the text.
QString scrub(const QString &text);

// The URL without user info and query string, for showing where a request went.
QString url(const QUrl &url);

// A header value as it may be shown: Authorization, Cookie, Set-Cookie and API-key
// headers are masked entirely.
QByteArray headerValue(const QByteArray &name, const QByteArray &value);

// The first bytes of a response body for an error message, with secret-looking JSON
// fields ("bearer", "secret", "csrf", ...) masked, control characters flattened and
// registered secrets scrubbed.
QString bodyExcerpt(const QByteArray &body, int maxChars = 200);

// Installs a Qt message handler that scrubs registered secrets from every log line before
// the previous handler prints it: a last line of defence behind careful call sites.
void installScrubbingMessageHandler();

} // namespace Redaction
