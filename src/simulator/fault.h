#pragma once

#include "endpoint.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// One way to break an endpoint on purpose, so that the product's handling of each failure kind
// in docs/failure-cases.md (B09-B20) can be reproduced on loopback. A fault is attached to an
// endpoint with LivePersonSimulator::setFault() or the control API.
struct Fault
{
    enum class Kind {
        Status, // answer `status` with `body` / `contentType` and optional Retry-After
        Stall, // accept the request and never answer
        StallMidBody, // send the headers and half of the normal body, then go silent
        Reset, // abort the connection with a TCP reset, no response at all
        Delay, // answer normally after delayMs
        HtmlPage, // answer `status` (default 502) with an nginx-like HTML page
        EmptyBody, // 200 application/json with an empty body
        TruncatedJson, // the normal JSON body cut in half
        WrongType, // a JSON object where an array belongs, or an array where an object belongs
        NoBearer, // login: 200 without a "bearer" field
        NullBearer, // login: 200 with "bearer": null
        LegacySkillField, // shift-status: "skill" instead of "skillId"
        StringIds, // shift-status and skills: ids as JSON strings
        NullNextFields, // shift-status: "nextOn"/"nextOff": null instead of leaving them out
        UnauthorizedAfterUses, // a bearer works afterUses times, then 401 {"error":"token expired"}
        CasBody, // context PATCH: 200 {"cas":"<n>"} instead of 204
    };

    Kind kind = Kind::Status;
    int status = 0; // 0: the kind's default (500 for Status, 502 for HtmlPage)
    QByteArray body; // Status / HtmlPage: replaces the generated body when set
    QByteArray contentType; // Status: defaults to application/json when a body is sent
    int retryAfterSeconds = -1; // >= 0 adds a Retry-After header (Status, HtmlPage)
    int afterUses = 0; // let this many matching requests through first (per bearer for UnauthorizedAfterUses)
    int times = -1; // how many requests it applies to before it clears itself; -1 forever
    int delayMs = 0; // wait this long before applying the fault (Delay: before the normal answer)

    static Fault ofKind(Kind kind);
    static Fault withStatus(int status, int retryAfterSeconds = -1);

    // Kinds that change a normal answer's content (handled by the endpoint) rather than
    // replacing or withholding the answer.
    bool shapesContent() const;

    // The status the fault answers with, its default applied.
    int effectiveStatus() const;

    // Names: status, stall, stall-mid-body, reset, delay, html-page, empty-body, truncated-json,
    // wrong-type, no-bearer, null-bearer, legacy-skill-field, string-ids, null-next-fields,
    // unauthorized-after-uses, cas-body. Parsing accepts any case and '_' for '-'.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
    static QStringList kindNames();

    // The control API's JSON form: {"kind":"status","status":429,"retryAfter":5,"times":2,
    // "afterUses":0,"delayMs":0,"body":"...","contentType":"..."}.
    QJsonObject toJson() const;
    static std::optional<Fault> fromJson(const QJsonObject &object, QString *error);

    // The --fault form: "endpoint:kind[:N][,key=value...]". N is the status for status and
    // html-page, the delay in ms for delay, and afterUses for unauthorized-after-uses. Keys:
    // status, retry-after, times, after, delay.
    static bool parseSpec(const QString &spec, Endpoint *endpoint, Fault *fault, QString *error);
};
