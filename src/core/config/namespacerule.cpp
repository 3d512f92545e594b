#include "namespacerule.h"

#include <QRegularExpression>

namespace NamespaceRule {

QStringList reservedNames()
{
    return {QStringLiteral("consumer"),
        QStringLiteral("operational"),
        QStringLiteral("conversation"),
        QStringLiteral("faas"),
        QStringLiteral("custom"),
        QStringLiteral("sde")};
}

QString error(const QString &name)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_-]+$"));

    if (name.isEmpty())
        return QStringLiteral("the namespace is empty");
    if (name.size() > MaxLength)
        return QStringLiteral("the namespace is longer than %1 characters").arg(MaxLength);
    if (!allowed.match(name).hasMatch())
        return QStringLiteral("the namespace '%1' may contain only letters, digits, '_' and '-'").arg(name);
    if (reservedNames().contains(name.toLower()))
        return QStringLiteral("'%1' is a namespace LivePerson reserves; choose another").arg(name);
    return QString();
}

QString warning(const QString &name)
{
    if (error(name).isEmpty() && name.contains(QLatin1Char('-'))) {
        return QStringLiteral("the namespace '%1' contains '-': the v1 API accepts it (the reference job uses "
                              "'shift-status-api'), but the newer v2 API allows only letters, digits and '_'")
            .arg(name);
    }
    return QString();
}

} // namespace NamespaceRule
