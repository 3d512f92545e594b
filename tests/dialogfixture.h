#pragma once

// What the offscreen dialog tests (tst_settingsdialog, tst_credentialsdialog) share: finding a
// dialog's widgets by object name, closing a dialog the ways a user can, and running the
// application's own event loop to prove that closing the last window does not end it (B07).

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QString>
#include <QTest>
#include <QTimer>
#include <QWidget>

namespace DialogFixture {

// A named child that must exist: a missing one is a broken .ui file, so the test stops there.
template<typename T>
T *child(const QWidget *dialog, const char *name)
{
    T *widget = dialog->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

// Closes the dialog as `how` says: "cancel" clicks its Cancel button, "escape" presses Escape,
// "close" closes the window. False, doing nothing, for any other way.
inline bool closeAsUser(QDialog *dialog, const QString &how)
{
    if (how == QLatin1String("cancel"))
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Cancel),
            Qt::LeftButton);
    else if (how == QLatin1String("escape"))
        QTest::keyClick(dialog, Qt::Key_Escape);
    else if (how == QLatin1String("close"))
        dialog->close();
    else
        return false;
    return true;
}

// What execUntilFinished() returns when the loop was still running after the dialog finished.
inline constexpr int EndedByTest = 42;

// Runs QCoreApplication::exec() and returns its exit code. Closing the last window would end
// the loop with 0 at once; this ends it with EndedByTest once `finished` has a signal and a
// little time has passed, or with 1 after timeoutMs.
inline int execUntilFinished(const QSignalSpy &finished, int timeoutMs)
{
    QTimer probe;
    probe.setInterval(50);
    int ticksAfterClose = 0;
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        if (!finished.isEmpty() && ++ticksAfterClose >= 5)
            QCoreApplication::exit(EndedByTest);
    });
    probe.start();

    QTimer deadline; // a local timer, so it cannot fire into a later test's event loop
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &deadline, [] { QCoreApplication::exit(1); });
    deadline.start(timeoutMs);
    return QCoreApplication::exec();
}

} // namespace DialogFixture
