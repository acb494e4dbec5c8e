"""The drafting aid's evaluation set (tests/cli/42_suggest.sh): one DOCX
report per UN language for one state, each page a passage about one matrix
row or a distractor (general statements, the same weapon words without the
row's concept), page breaks as Word writes them. Written for r1540's tests,
not taken from any report. Prints the truth: ITEM LANG PAGE per line, the
pages that back each row. Usage: make_eval.py OUTDIR"""
import sys, zipfile
from xml.sax.saxutils import escape

out = sys.argv[1]
ROWS = ['OP3CD-NW-EXPORT-LAW', 'OP3CD-CW-BROKERING-LAW', 'OP3AB-NW-PHYSPROT-MATERIALS-LAW',
        'OP1-CWC', None, None]  # None: a distractor page
PAGES = {
 'en': [
  'Export control. Article 12 of the Law on Strategic Goods requires an export licence for nuclear material and equipment listed in the national control list.',
  'Brokering. Under article 7 of the Act on Dual-Use Items, brokering in chemical agents and their precursors requires prior registration.',
  'The physical protection of nuclear material in use and in storage is governed by Decree 88, Article 4, which sets the security levels.',
  'The State deposited its instrument of ratification of the Chemical Weapons Convention in 1996; the national authority was established in 1997.',
  'General statement. The Government reaffirms its commitment to resolution 1540 (2004) and to cooperation with the Committee.',
  'Nuclear energy supplies a fifth of the electricity of the country; the chemical industry employs 40,000 people.'],
 'fr': [
  "Contrôle des exportations. L'article 12 de la loi sur les biens stratégiques soumet à licence l'exportation des matières et équipements nucléaires.",
  "Courtage. En vertu de l'article 7 de la loi sur les biens à double usage, le courtage d'agents chimiques et de leurs précurseurs est soumis à enregistrement.",
  "La protection physique des matières nucléaires en cours d'utilisation et d'entreposage est régie par le décret 88, article 4.",
  "L'État a déposé son instrument de ratification de la Convention sur les armes chimiques en 1996.",
  "Déclaration générale. Le Gouvernement réaffirme son attachement à la résolution 1540 (2004).",
  "L'énergie nucléaire fournit un cinquième de l'électricité du pays ; l'industrie chimique emploie 40 000 personnes."],
 'es': [
  'Control de las exportaciones. El artículo 12 de la Ley de Bienes Estratégicos exige una licencia para la exportación de materiales y equipos nucleares.',
  'Intermediación. Conforme al artículo 7 de la Ley de Productos de Doble Uso, la intermediación en agentes químicos y sus precursores requiere registro previo.',
  'La protección física de los materiales nucleares en uso y en almacenamiento se rige por el Decreto 88, artículo 4.',
  'El Estado depositó su instrumento de ratificación de la Convención sobre las Armas Químicas en 1996.',
  'Declaración general. El Gobierno reafirma su compromiso con la resolución 1540 (2004).',
  'La energía nuclear suministra la quinta parte de la electricidad del país; la industria química emplea a 40.000 personas.'],
 'ru': [
  'Экспортный контроль. Статья 12 Закона о стратегических товарах требует лицензии на экспорт ядерных материалов и оборудования.',
  'Посредничество. В соответствии со статьей 7 Закона о товарах двойного назначения посредничество в отношении химических агентов требует регистрации.',
  'Физическая защита ядерного материала при использовании и хранении регулируется постановлением 88, статья 4.',
  'Государство сдало на хранение ратификационную грамоту Конвенции о химическом оружии в 1996 году.',
  'Общее заявление. Правительство подтверждает свою приверженность резолюции 1540 (2004).',
  'Ядерная энергетика дает пятую часть электроэнергии страны; в химической промышленности заняты 40 000 человек.'],
 'zh': [
  '出口管制。《战略物资法》第十二条规定，核材料和设备的出口须取得出口许可证。',
  '中介活动。根据《两用物项法》第七条，化学制剂及其前体的中介活动须事先登记。',
  '使用和储存中的核材料的实物保护由第88号法令第四条规定。',
  '本国于1996年交存了《化学武器公约》批准书。',
  '一般性声明。政府重申其对第1540（2004）号决议的承诺。',
  '核能提供全国五分之一的电力；化学工业雇用4万人。'],
 'ar': [
  'مراقبة الصادرات. تشترط المادة 12 من قانون السلع الاستراتيجية الحصول على ترخيص لتصدير المواد والمعدات النووية.',
  'السمسرة. بموجب المادة 7 من قانون المواد ذات الاستخدام المزدوج، تخضع السمسرة في العوامل الكيميائية وسلائفها للتسجيل المسبق.',
  'تنظم الحماية المادية للمواد النووية أثناء الاستخدام والتخزين بموجب المرسوم 88، المادة 4.',
  'أودعت الدولة صك تصديقها على اتفاقية الأسلحة الكيميائية في عام 1996.',
  'بيان عام. تؤكد الحكومة من جديد التزامها بالقرار 1540 (2004).',
  'توفر الطاقة النووية خمس الكهرباء في البلد؛ ويعمل في الصناعة الكيميائية 40000 شخص.'],
}

def docx(path, pages):
    brk = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    body = brk.join(f'<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>' for p in pages)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f'<w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr('word/document.xml', doc)

for lang, pages in PAGES.items():
    docx(f'{out}/{lang}.docx', pages)
    for i, row in enumerate(ROWS):
        if row:
            print(row, lang, i + 1)
