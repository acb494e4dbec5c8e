"""Makes the non-PDF and hostile test files of tests/cli/40_search.sh:
a DOCX and an ODT assembled with zipfile (their XML written here, as Word and
LibreOffice write it), a corrupt PDF, a PDF with many pages of text (the page
limit), a PDF whose one content stream inflates to a huge size (the time and
memory limits), and a zip bomb dressed as a DOCX. Usage: make_files.py OUTDIR [--light] (--light: without the slow
hostile files, and the many-page PDF with three pages)"""
import sys, zipfile, zlib

out = sys.argv[1]
light = len(sys.argv) > 2 and sys.argv[2] == '--light'  # only the quick files

def docx(path):
    body = ('<w:p><w:r><w:t>Annual report on biological security.</w:t></w:r></w:p>'
            '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            '<w:p><w:r><w:t xml:space="preserve">The Biosafety Law regulates </w:t></w:r>'
            '<w:r><w:t>pathogens &amp; toxins.</w:t></w:r></w:p>')
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f'<w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr('word/document.xml', doc)

def odt(path):
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               '<text:h>Informe</text:h><text:p>Las autoridades aduaneras controlan las '
               'exportaciones<text:s/>de material nuclear.</text:p></office:text></office:body>'
               '</office:document-content>')
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr('mimetype', 'application/vnd.oasis.opendocument.text')
        z.writestr('content.xml', content, zipfile.ZIP_DEFLATED)

def pdf(path, pages, stream_for):
    """A PDF with `pages` pages; stream_for(i) gives page i's content stream
    (bytes) and whether it is Flate-compressed."""
    objs = {1: b'<< /Type /Catalog /Pages 2 0 R >>',
            3: b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'}
    kids = []
    for i in range(pages):
        page_id, content_id = 4 + 2 * i, 5 + 2 * i
        kids.append(f'{page_id} 0 R'.encode())
        objs[page_id] = (b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] '
                         b'/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>' % content_id)
        data, flate = stream_for(i)
        objs[content_id] = (b'<< /Length %d%s >>\nstream\n' % (len(data), b' /Filter /FlateDecode' if flate else b'')
                            + data + b'\nendstream')
    objs[2] = b'<< /Type /Pages /Kids [' + b' '.join(kids) + b'] /Count %d >>' % pages
    body, offsets = bytearray(b'%PDF-1.4\n'), {}
    for k in sorted(objs):
        offsets[k] = len(body)
        body += b'%d 0 obj\n' % k + objs[k] + b'\nendobj\n'
    xref = len(body)
    n = max(objs) + 1
    body += b'xref\n0 %d\n0000000000 65535 f \n' % n
    for k in range(1, n):
        body += b'%010d 00000 n \n' % offsets.get(k, 0)
    body += b'trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (n, xref)
    open(path, 'wb').write(bytes(body))

def text_page(i):
    return (b'BT /F1 12 Tf 20 150 Td (Registry page %d of the licensing database) Tj ET' % (i + 1), False)

def inflating(i):
    """Deflated bytes that inflate to ~440 MB of text-showing operators: poppler
    needs ~12 s of CPU here for them (100 MB took 2.9 s, under the 3 s limit
    on a quiet machine), so the limit stops it on a machine 6x faster too."""
    chunk = b'BT /F1 1 Tf (x) Tj ET\n' * 50000
    c = zlib.compressobj(9)
    data = b''.join(c.compress(chunk) for _ in range(400))
    return (data + c.flush(), True)

docx(f'{out}/report.docx')
odt(f'{out}/report.odt')
open(f'{out}/corrupt.pdf', 'wb').write(b'%PDF-1.7\n' + bytes(range(256)) * 8 + b'\n%%EOF\n')
pdf(f'{out}/many.pdf', 3 if light else 300, text_page)
if light:
    sys.exit(0)
pdf(f'{out}/inflate.pdf', 1, inflating)
with zipfile.ZipFile(f'{out}/bomb.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('word/document.xml', b'<' * (100 * 1024 * 1024))
