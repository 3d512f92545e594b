#include "fault.h"

#include <QJsonValue>
#include <QStringList>

namespace {

struct KindNameRow
{
    Fault::Kind kind;
    QLatin1StringView name;
};

constexpr KindNameRow KindNames[] = {
    {Fault::Kind::Status, QLatin1StringView("status")},
    {Fault::Kind::Stall, QLatin1StringView("stall")},
    {Fault::Kind::StallMidBody, QLatin1StringView("stall-mid-body")},
    {Fault::Kind::Reset, QLatin1StringView("reset")},
    {Fault::Kind::Delay, QLatin1StringView("delay")},
    {Fault::Kind::HtmlPage, QLatin1StringView("html-page")},
    {Fault::Kind::EmptyBody, QLatin1StringView("empty-body")},
    {Fault::Kind::TruncatedJson, QLatin1StringView("truncated-json")},
    {Fault::Kind::WrongType, QLatin1StringView("wrong-type")},
    {Fault::Kind::NoBearer, QLatin1StringView("no-bearer")},
    {Fault::Kind::NullBearer, QLatin1StringView("null-bearer")},
    {Fault::Kind::LegacySkillField, QLatin1StringView("legacy-skill-field")},
    {Fault::Kind::StringIds, QLatin1StringView("string-ids")},
    {Fault::Kind::NullNextFields, QLatin1StringView("null-next-fields")},
    {Fault::Kind::UnauthorizedAfterUses, QLatin1StringView("unauthorized-after-uses")},
    {Fault::Kind::CasBody, QLatin1StringView("cas-body")},
};

bool parseInt(const QString &text, int *value)
{
    bool ok = false;
    *value = text.trimmed().toInt(&ok);
    return ok;
}

// The positional number in "endpoint:kind:N" means what the kind needs most.
void applyPositionalNumber(Fault *fault, int number)
{
    switch (fault->kind) {
    case Fault::Kind::Delay:
        fault->delayMs = number;
        break;
    case Fault::Kind::UnauthorizedAfterUses:
        fault->afterUses = number;
        break;
    default:
        fault->status = number;
        break;
    }
}

bool applyOption(Fault *fault, const QString &option, QString *error)
{
    const qsizetype equals = option.indexOf(QLatin1Char('='));
    const QString key = option.left(equals).trimmed().toLower();
    int value = 0;
    if (equals < 0 || !parseInt(option.mid(equals + 1), &value)) {
        *error = QStringLiteral("expected key=number, got \"%1\"").arg(option);
        return false;
    }

    if (key == QLatin1StringView("status"))
        fault->status = value;
    else if (key == QLatin1StringView("retry-after"))
        fault->retryAfterSeconds = value;
    else if (key == QLatin1StringView("times"))
        fault->times = value;
    else if (key == QLatin1StringView("after") || key == QLatin1StringView("after-uses"))
        fault->afterUses = value;
    else if (key == QLatin1StringView("delay"))
        fault->delayMs = value;
    else {
        *error = QStringLiteral("unknown fault option \"%1\"").arg(key);
        return false;
    }
    return true;
}

int intField(const QJsonObject &object, QLatin1StringView key, int fallback)
{
    const QJsonValue value = object.value(key);
    return value.isDouble() ? value.toInt(fallback) : fallback;
}

} // namespace

Fault Fault::ofKind(Kind kind)
{
    Fault fault;
    fault.kind = kind;
    return fault;
}

Fault Fault::withStatus(int status, int retryAfterSeconds)
{
    Fault fault;
    fault.kind = Kind::Status;
    fault.status = status;
    fault.retryAfterSeconds = retryAfterSeconds;
    return fault;
}

bool Fault::shapesContent() const
{
    switch (kind) {
    case Kind::NoBearer:
    case Kind::NullBearer:
    case Kind::LegacySkillField:
    case Kind::StringIds:
    case Kind::NullNextFields:
    case Kind::UnauthorizedAfterUses:
    case Kind::CasBody:
        return true;
    default:
        return false;
    }
}

int Fault::effectiveStatus() const
{
    if (status > 0)
        return status;
    return kind == Kind::HtmlPage ? 502 : 500;
}

QString Fault::kindName(Kind kind)
{
    for (const KindNameRow &row : KindNames) {
        if (row.kind == kind)
            return row.name;
    }
    return QStringLiteral("unknown");
}

std::optional<Fault::Kind> Fault::kindFromName(const QString &name)
{
    const QString normalised = name.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    for (const KindNameRow &row : KindNames) {
        if (normalised == row.name)
            return row.kind;
    }
    return std::nullopt;
}

QStringList Fault::kindNames()
{
    QStringList names;
    for (const KindNameRow &row : KindNames)
        names.append(row.name);
    return names;
}

QJsonObject Fault::toJson() const
{
    QJsonObject object {
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("status"), status},
        {QStringLiteral("retryAfter"), retryAfterSeconds},
        {QStringLiteral("afterUses"), afterUses},
        {QStringLiteral("times"), times},
        {QStringLiteral("delayMs"), delayMs},
    };
    if (!body.isEmpty())
        object.insert(QStringLiteral("body"), QString::fromUtf8(body));
    if (!contentType.isEmpty())
        object.insert(QStringLiteral("contentType"), QString::fromLatin1(contentType));
    return object;
}

std::optional<Fault> Fault::fromJson(const QJsonObject &object, QString *error)
{
    const std::optional<Kind> kind = kindFromName(object.value(QLatin1StringView("kind")).toString());
    if (!kind) {
        *error = QStringLiteral("unknown fault kind; known: %1").arg(kindNames().join(QLatin1String(", ")));
        return std::nullopt;
    }

    Fault fault = ofKind(*kind);
    fault.status = intField(object, QLatin1StringView("status"), 0);
    fault.retryAfterSeconds = intField(object, QLatin1StringView("retryAfter"), -1);
    fault.afterUses = intField(object, QLatin1StringView("afterUses"), 0);
    fault.times = intField(object, QLatin1StringView("times"), -1);
    fault.delayMs = intField(object, QLatin1StringView("delayMs"), 0);
    fault.body = object.value(QLatin1StringView("body")).toString().toUtf8();
    fault.contentType = object.value(QLatin1StringView("contentType")).toString().toLatin1();
    return fault;
}

bool Fault::parseSpec(const QString &spec, Endpoint *endpoint, Fault *fault, QString *error)
{
    QStringList options = spec.split(QLatin1Char(','));
    const QStringList parts = options.takeFirst().split(QLatin1Char(':'));
    if (parts.size() < 2 || parts.size() > 3) {
        *error = QStringLiteral("expected endpoint:kind[:N], got \"%1\"").arg(spec);
        return false;
    }

    const std::optional<Endpoint> parsedEndpoint = endpointFromName(parts.at(0));
    const std::optional<Kind> kind = kindFromName(parts.at(1));
    if (!parsedEndpoint || !kind) {
        *error = QStringLiteral("unknown endpoint or fault kind in \"%1\"").arg(spec);
        return false;
    }

    Fault parsed = ofKind(*kind);
    int number = 0;
    if (parts.size() == 3) {
        if (!parseInt(parts.at(2), &number)) {
            *error = QStringLiteral("\"%1\" is not a number").arg(parts.at(2));
            return false;
        }
        applyPositionalNumber(&parsed, number);
    }

    for (const QString &option : std::as_const(options)) {
        if (!applyOption(&parsed, option, error))
            return false;
    }

    *endpoint = *parsedEndpoint;
    *fault = parsed;
    return true;
}
