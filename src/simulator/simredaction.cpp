#include "simredaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {

bool isSecretHeader(const QByteArray &name)
{
    static const QList<QByteArray> secret {"authorization",
        "proxy-authorization",
        "maven-api-key",
        "cookie",
        "set-cookie"};
    return secret.contains(name.toLower());
}

bool isSecretQueryKey(const QString &key)
{
    static const QRegularExpression secret(QStringLiteral("token|secret|key|password|bearer|csrf|session|sig"),
        QRegularExpression::CaseInsensitiveOption);
    return secret.match(key).hasMatch();
}

bool carriesCredentials(Endpoint endpoint)
{
    return endpoint == Endpoint::Login || endpoint == Endpoint::Refresh || endpoint == Endpoint::Logout;
}

QJsonArray headersJson(const RecordedRequest &request)
{
    QJsonArray headers;
    for (const auto &header : request.headers) {
        const QByteArray value = SimRedaction::headerValue(header.first, header.second);
        headers.append(QJsonArray {QString::fromLatin1(header.first), QString::fromUtf8(value)});
    }
    return headers;
}

} // namespace

namespace SimRedaction {

QByteArray headerValue(const QByteArray &name, const QByteArray &value)
{
    return isSecretHeader(name) ? QByteArray(Mask.data(), Mask.size()) : value;
}

QString query(const QString &query)
{
    QUrlQuery parsed(query);
    QList<QPair<QString, QString>> items = parsed.queryItems(QUrl::FullyEncoded);
    for (auto &item : items) {
        if (isSecretQueryKey(item.first))
            item.second = Mask;
    }
    parsed.setQueryItems(items);
    return parsed.toString(QUrl::FullyEncoded);
}

QByteArray body(Endpoint endpoint, const QByteArray &body)
{
    if (!carriesCredentials(endpoint) || body.isEmpty())
        return body;

    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return "[redacted " + QByteArray::number(body.size()) + " bytes]";

    QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != QLatin1String("username"))
            it.value() = QString(Mask);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject toJson(const RecordedRequest &request)
{
    return QJsonObject {
        {QStringLiteral("method"), QString::fromLatin1(request.method)},
        {QStringLiteral("path"), request.path},
        {QStringLiteral("query"), query(request.query)},
        {QStringLiteral("endpoint"),
            request.endpoint == Endpoint::Any ? QStringLiteral("none") : endpointName(request.endpoint)},
        {QStringLiteral("headers"), headersJson(request)},
        {QStringLiteral("body"), QString::fromUtf8(body(request.endpoint, request.body))},
        {QStringLiteral("time"), request.time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("status"), request.status},
    };
}

} // namespace SimRedaction
