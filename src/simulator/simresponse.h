#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// An answer an endpoint handler has decided on, before faults and delivery: status, content
// type, extra headers and the exact body bytes.
struct SimResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static SimResponse json(int status, const QJsonObject &object);
    static SimResponse json(int status, const QJsonArray &array);
    static SimResponse rawJson(int status, const QByteArray &body);
    static SimResponse empty(int status);

    // The error envelope LivePerson's Login Service uses:
    // {"error":{"time":"...","message":"...","internalCode":N,"responseStatus":"..."}}.
    static SimResponse loginError(int status, const QString &message, int internalCode);

    // The Context Service's error shape: {"message":"..."}.
    static SimResponse message(int status, const QString &message);

    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }
};
