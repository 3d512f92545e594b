#include "skillsortproxy.h"

namespace {

// The run of digits or of non-digits that starts at `from`.
QStringView chunk(const QString &text, qsizetype from)
{
    const bool digits = text.at(from).isDigit();
    qsizetype end = from;
    while (end < text.size() && text.at(end).isDigit() == digits)
        ++end;
    return QStringView(text).mid(from, end - from);
}

int compareNumbers(QStringView a, QStringView b)
{
    // Without leading zeros, a longer run of digits is the larger number; no overflow possible.
    while (a.size() > 1 && a.front() == QLatin1Char('0'))
        a = a.mid(1);
    while (b.size() > 1 && b.front() == QLatin1Char('0'))
        b = b.mid(1);
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

} // namespace

SkillSortProxy::SkillSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

int SkillSortProxy::naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        const QStringView left = chunk(a, i);
        const QStringView right = chunk(b, j);
        const bool numbers = left.front().isDigit() && right.front().isDigit();
        const int order = numbers ? compareNumbers(left, right) : left.compare(right, Qt::CaseInsensitive);
        if (order != 0)
            return order;

        i += left.size();
        j += right.size();
    }
    return (a.size() - i) < (b.size() - j) ? -1 : ((a.size() - i) > (b.size() - j) ? 1 : 0);
}

bool SkillSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString)
        return naturalCompare(a.toString(), b.toString()) < 0;
    return QSortFilterProxyModel::lessThan(left, right);
}
