#pragma once

#include "recordedrequest.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// How recorded requests look outside the process (log lines, GET /_sim/requests): credential
// headers, secret query values and login/refresh/logout bodies are masked. The in-memory
// RecordedRequest keeps everything for in-process tests.
namespace SimRedaction {

inline constexpr QLatin1StringView Mask {"[redacted]"};

// Authorization, Proxy-Authorization, maven-api-key, Cookie and Set-Cookie are masked whole.
QByteArray headerValue(const QByteArray &name, const QByteArray &value);

// The query with values of secret-looking keys (token, secret, key, password, csrf, ...)
// masked.
QString query(const QString &query);

// Login, refresh and logout bodies keep their field names (and the username) with every other
// value masked; other bodies pass through.
QByteArray body(Endpoint endpoint, const QByteArray &body);

QJsonObject toJson(const RecordedRequest &request);

} // namespace SimRedaction
