#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

// Works on JSON text without parsing values into QJsonValue, so that what a client wrote into
// the context store comes back byte for byte (big integers, number formatting, escapes).
// Validation still goes through QJsonDocument; the scanning here assumes valid input.
namespace RawJson {

using Member = std::pair<QString, QByteArray>;

// Whether the text is exactly one JSON value of any type (object, array, string, number,
// true, false, null), surrounded by optional whitespace.
bool isValidValue(const QByteArray &json);

// Whether the text is a valid JSON object.
bool isObject(const QByteArray &json);

// The members of a valid JSON object in document order, each value as its exact text.
// A key that appears twice keeps its last value, as JSON.parse does.
QList<Member> objectMembers(const QByteArray &object);

// A string as a JSON string literal, quotes included.
QByteArray quoted(const QString &text);

// Builds an object from members whose values are already JSON text.
QByteArray object(const QList<Member> &members);

} // namespace RawJson
