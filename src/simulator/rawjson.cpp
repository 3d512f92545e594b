#include "rawjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipWhitespace(const QByteArray &json, qsizetype pos)
{
    while (pos < json.size() && isWhitespace(json.at(pos)))
        ++pos;
    return pos;
}

// pos is at the opening quote; returns the position after the closing quote.
qsizetype skipString(const QByteArray &json, qsizetype pos)
{
    for (++pos; pos < json.size(); ++pos) {
        if (json.at(pos) == '\\')
            ++pos;
        else if (json.at(pos) == '"')
            return pos + 1;
    }
    return pos;
}

// pos is at '{' or '['; returns the position after the matching bracket.
qsizetype skipContainer(const QByteArray &json, qsizetype pos)
{
    int depth = 0;
    while (pos < json.size()) {
        const char c = json.at(pos);
        if (c == '"') {
            pos = skipString(json, pos);
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
            return pos + 1;
        ++pos;
    }
    return pos;
}

qsizetype skipScalar(const QByteArray &json, qsizetype pos)
{
    while (pos < json.size()) {
        const char c = json.at(pos);
        if (c == ',' || c == '}' || c == ']' || isWhitespace(c))
            break;
        ++pos;
    }
    return pos;
}

qsizetype skipValue(const QByteArray &json, qsizetype pos)
{
    const char c = json.at(pos);
    if (c == '"')
        return skipString(json, pos);
    if (c == '{' || c == '[')
        return skipContainer(json, pos);
    return skipScalar(json, pos);
}

QString decodeKey(const QByteArray &literal)
{
    const QJsonDocument document = QJsonDocument::fromJson('[' + literal + ']');
    return document.array().at(0).toString();
}

} // namespace

namespace RawJson {

bool isValidValue(const QByteArray &json)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson('[' + json + ']', &error);
    return error.error == QJsonParseError::NoError && document.array().size() == 1;
}

bool isObject(const QByteArray &json)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    return error.error == QJsonParseError::NoError && document.isObject();
}

QList<Member> objectMembers(const QByteArray &object)
{
    QList<Member> members;
    qsizetype pos = skipWhitespace(object, 0) + 1; // past '{'
    while (true) {
        pos = skipWhitespace(object, pos);
        if (pos >= object.size() || object.at(pos) != '"')
            break;

        const qsizetype keyEnd = skipString(object, pos);
        const QString key = decodeKey(object.mid(pos, keyEnd - pos));
        const qsizetype valueStart = skipWhitespace(object, skipWhitespace(object, keyEnd) + 1); // past ':'
        const qsizetype valueEnd = skipValue(object, valueStart);

        members.removeIf([&key](const Member &member) { return member.first == key; });
        members.append({key, object.mid(valueStart, valueEnd - valueStart)});
        pos = skipWhitespace(object, valueEnd) + 1; // past ',' or '}'
    }
    return members;
}

QByteArray quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray object(const QList<Member> &members)
{
    QByteArray json = "{";
    for (const Member &member : members) {
        if (json.size() > 1)
            json += ',';
        json += quoted(member.first) + ':' + member.second;
    }
    return json + '}';
}

} // namespace RawJson
