#include "simresponse.h"

#include <QDateTime>
#include <QJsonDocument>

namespace {

QString responseStatusName(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("BAD_REQUEST");
    case 401:
        return QStringLiteral("UNAUTHORIZED");
    case 403:
        return QStringLiteral("FORBIDDEN");
    case 404:
        return QStringLiteral("NOT_FOUND");
    default:
        return QStringLiteral("INTERNAL_SERVER_ERROR");
    }
}

} // namespace

SimResponse SimResponse::json(int status, const QJsonObject &object)
{
    return rawJson(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

SimResponse SimResponse::json(int status, const QJsonArray &array)
{
    return rawJson(status, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

SimResponse SimResponse::rawJson(int status, const QByteArray &body)
{
    SimResponse response;
    response.status = status;
    response.contentType = "application/json";
    response.body = body;
    return response;
}

SimResponse SimResponse::empty(int status)
{
    SimResponse response;
    response.status = status;
    return response;
}

SimResponse SimResponse::loginError(int status, const QString &message, int internalCode)
{
    const QJsonObject error {
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::TextDate)},
        {QStringLiteral("message"), message},
        {QStringLiteral("internalCode"), internalCode},
        {QStringLiteral("responseStatus"), responseStatusName(status)},
    };
    return json(status, QJsonObject {{QStringLiteral("error"), error}});
}

SimResponse SimResponse::message(int status, const QString &message)
{
    return json(status, QJsonObject {{QStringLiteral("message"), message}});
}
