#include "simrequest.h"

#include <QHttpServerRequest>
#include <QUrl>

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "UNKNOWN";
    }
}

// Splits the encoded path first, then decodes each segment, so that an encoded '/' inside a
// property name stays inside its segment.
QStringList decodedSegments(const QUrl &url)
{
    QStringList segments;
    const QString encoded = url.path(QUrl::FullyEncoded);
    for (const QString &part : encoded.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        segments.append(QUrl::fromPercentEncoding(part.toUtf8()));
    return segments;
}

} // namespace

SimRequest::SimRequest(const QHttpServerRequest &request)
    : m_method(methodOf(request))
    , m_path(request.url().path())
    , m_segments(decodedSegments(request.url()))
    , m_query(request.query())
    , m_body(request.body())
{
    for (const auto &header : request.headers())
        m_headers.insert(header.first.toLower(), header.second);
}

QByteArray SimRequest::methodOf(const QHttpServerRequest &request)
{
    return methodName(request.method());
}

QString SimRequest::queryValue(const QString &key) const
{
    return m_query.queryItemValue(key, QUrl::FullyDecoded);
}

QString SimRequest::bearer() const
{
    const QByteArray authorization = header("authorization").trimmed();
    const QByteArray prefix = "bearer ";
    if (authorization.size() <= prefix.size() || !authorization.toLower().startsWith(prefix))
        return {};
    return QString::fromLatin1(authorization.mid(prefix.size()).trimmed());
}

QString SimRequest::cookie(const QString &name) const
{
    const QList<QByteArray> pairs = header("cookie").split(';');
    for (const QByteArray &pair : pairs) {
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0)
            continue;
        if (QString::fromLatin1(pair.left(equals).trimmed()).compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(pair.mid(equals + 1).trimmed());
    }
    return {};
}
