#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

class Clock;
struct SkillShift;

// The skill table: one row per skill of the last good shift-status fetch, with its name (or
// the bare id when the Skills API gave none), whether it is on shift, and when it next goes on
// and off shift in local time with a relative hint. Skills whose on-shift state flipped in the
// last cycle are marked. Built for 10,000 skills: the rows are parsed once per cycle into plain
// values and the model is reset once; display text is made only for the rows a view asks for.
class SkillTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { IdColumn, NameColumn, OnShiftColumn, NextOnColumn, NextOffColumn, ColumnCount };

    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts naturally: numeric ids, times in ms
        FilterRole, // the text the filter box matches: id and name
        ChangedRole, // bool: the on-shift state flipped in the last cycle
    };

    explicit SkillTableModel(const Clock &clock, QObject *parent = nullptr);
    ~SkillTableModel() override;

    // Replaces every row (one model reset) and marks the skills whose state flipped since the
    // previous call.
    void setSkills(const QList<SkillShift> &skills);
    void setNames(const QHash<QString, QString> &names);
    // The relative hints age: call now and then to have views ask for fresh text.
    void refreshTimes();

    int changedCount() const { return m_changedCount; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // nextOn / nextOff as the API sent them: left out, null, or a time in epoch ms.
    struct Moment
    {
        enum class Kind { Absent, Null, Value };
        Kind kind = Kind::Absent;
        qint64 ms = 0;
    };

    struct Row
    {
        QString id;
        quint64 numericId = 0;
        bool onShift = false;
        bool changed = false;
        Moment nextOn;
        Moment nextOff;
    };

    static Moment momentOf(const QJsonValue &value);
    QString nameOf(const Row &row) const;
    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    QString momentText(const Row &row, const Moment &moment) const;
    QVariant toolTip(const Row &row, int column) const;

    const Clock &m_clock;
    QList<Row> m_rows;
    QHash<QString, QString> m_names;
    QHash<QString, bool> m_previousOnShift;
    int m_changedCount = 0;
};
