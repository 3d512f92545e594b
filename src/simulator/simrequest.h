#pragma once

#include "activefaults.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>
#include <QUrlQuery>

class QHttpServerRequest;

// A received request in the shape the endpoint handlers need: method, decoded path segments,
// query, lower-cased headers and body, plus the faults that are live for it. Copied out of
// QHttpServerRequest because the server reuses that object for the connection's next request.
class SimRequest
{
public:
    explicit SimRequest(const QHttpServerRequest &request);

    // "GET", "PATCH", ... ("UNKNOWN" for methods the server does not name).
    static QByteArray methodOf(const QHttpServerRequest &request);

    QByteArray method() const { return m_method; }
    QString path() const { return m_path; }
    QStringList segments() const { return m_segments; }
    QString segment(qsizetype index) const { return m_segments.value(index); }
    QUrlQuery query() const { return m_query; }
    QString queryValue(const QString &key) const;
    bool hasQuery(const QString &key) const { return m_query.hasQueryItem(key); }
    QByteArray body() const { return m_body; }

    // Case-insensitive header lookup.
    QByteArray header(const QByteArray &name) const { return m_headers.value(name.toLower()); }

    // The token of an "Authorization: Bearer <token>" header, empty when there is none.
    QString bearer() const;

    // A cookie's value by name, case-insensitive (LivePerson sets Session_id; faas-cli sends
    // session_id).
    QString cookie(const QString &name) const;

    ActiveFaults &faults() { return m_faults; }
    void setFaults(ActiveFaults faults) { m_faults = std::move(faults); }

private:
    QByteArray m_method;
    QString m_path;
    QStringList m_segments;
    QUrlQuery m_query;
    QHash<QByteArray, QByteArray> m_headers;
    QByteArray m_body;
    ActiveFaults m_faults;
};
