// shiftsync-rendericon: a build-time tool that renders the app's SVG icon to the raster sizes
// the platforms want (hicolor PNGs on Linux, the .ico of the Windows installer, the PNGs of a
// macOS .iconset). It uses Qt's own SVG renderer so that packaging needs no extra package.
//
//   shiftsync-rendericon INPUT.svg SIZE OUTPUT.(png|ico)

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "shiftsync-rendericon: " << message << '\n';
    return 1;
}

// Scales the whole view box into a square of `size` pixels on a transparent background.
QImage render(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);

    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image;
}

} // namespace

int main(int argc, char *argv[])
{
    // Only for the image format plugins (.ico); nothing here needs a display.
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 4)
        return fail(QStringLiteral("usage: shiftsync-rendericon INPUT.svg SIZE OUTPUT.(png|ico)"));

    bool ok = false;
    const int size = arguments.at(2).toInt(&ok);
    if (!ok || size < 1 || size > 1024)
        return fail(QStringLiteral("SIZE must be a whole number from 1 to 1024, not '%1'").arg(arguments.at(2)));

    QSvgRenderer renderer(arguments.at(1));
    if (!renderer.isValid())
        return fail(QStringLiteral("cannot read the SVG file %1").arg(arguments.at(1)));

    const QString output = arguments.at(3);
    QImageWriter writer(output, QFileInfo(output).suffix().toLatin1());
    if (!writer.write(render(renderer, size)))
        return fail(QStringLiteral("cannot write %1: %2").arg(output, writer.errorString()));
    return 0;
}
