#pragma once

#include "endpoint.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

// One request as the simulator received it, kept in memory so tests can check exactly what
// the product sent (headers and bodies included: this is a test fake, secrets may stay here).
// The control API's /_sim/requests and the log lines show a redacted form instead.
struct RecordedRequest
{
    QByteArray method;
    QString path; // decoded path, no query
    QString query; // the raw query string, without '?'
    QList<QPair<QByteArray, QByteArray>> headers; // as sent
    QByteArray body;
    Endpoint endpoint = Endpoint::Any; // Any: not a LivePerson route (404)
    QDateTime time;
    int status = 0; // the status answered; 0 while pending or when no answer was sent

    // The first header with this name (case-insensitive), or an empty array.
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
};

Q_DECLARE_METATYPE(RecordedRequest)
