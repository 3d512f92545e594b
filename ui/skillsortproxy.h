#pragma once

#include <QSortFilterProxyModel>

// Sorts the skill table the way people read it: text with the numbers inside compared as
// numbers and letters without regard to case ("americas 2" before "Americas 10"), and everything
// else (ids, times) by the sort values SkillTableModel provides. Done by hand rather than with
// QCollator, whose numeric mode depends on the platform's collation backend and locale.
class SkillSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SkillSortProxy(QObject *parent = nullptr);

    // Negative, zero or positive like QString::compare, with runs of digits compared by value
    // and letters without regard to case.
    static int naturalCompare(const QString &a, const QString &b);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};
