#pragma once

#include <QString>
#include <QStringList>

// The local check of a context store namespace name, done before anything is saved or sent.
// Names LivePerson reserves are refused; so is anything outside [A-Za-z0-9_-]. A '-' is
// accepted because the v1 API and the reference job's own `shift-status-api` use it, but the
// newer v2 API allows only letters, digits and '_', so it earns a warning.
namespace NamespaceRule {

inline constexpr int MaxLength = 100;

QStringList reservedNames();

// Empty when the name is acceptable; otherwise why not, in words for the operator.
QString error(const QString &name);

// Empty unless the name is accepted with a caveat.
QString warning(const QString &name);

} // namespace NamespaceRule
