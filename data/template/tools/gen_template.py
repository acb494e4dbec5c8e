#!/usr/bin/python3
"""Regenerate the 1540 matrix template (data/template/) from one source of truth.

The 1540 Committee records each State's implementation of resolution 1540 (2004)
in a matrix of data fields. r1540 keeps the *shape* of that matrix as versioned
data, not code: this script is where the shape is written down, and the TSV
files it writes are what the C code reads.

  sections.tsv       the four parts of the matrix (OP1, OP2, OP3AB, OP3CD)
  themes.tsv         the controlled list of theme tags items carry
  v1/headings.tsv    the sub-tables (headings) of template v1, in display order
  v1/items.tsv       one row per data field of template v1, in display order
  v2/headings.tsv    the same for template v2
  v2/items.tsv       template v2: v1 plus the means-of-delivery rows of OP 3
  v2/notes.tsv       notes the Committee's form prints beside a row (CTBT "not in force")
  v2/from-v1.tsv     the crosswalk: how each v1 item is carried into v2

OP 1 items are listed one by one. OP 2 and OP 3 items are composed: every
activity or measure row of the Committee's tables is crossed with the weapon
types it applies to and with the two columns the Committee marks beside it
(national legal framework, enforcement), and the six-language labels are
built from the same parts.

Ids are a contract: once v1 is committed an id never changes meaning. A new
template version goes in a new folder (v2/) made by a copy of this script's
tables with the changes; see ../README.md.

Usage:
  gen_template.py            write the four files
  gen_template.py --check    write nothing; exit 1 and print a diff if any
                             committed file differs from what would be written

Needs only /usr/bin/python3 (3.9 or later). Output is byte-for-byte
deterministic: no dates, no dictionary-order dependence.
"""

import argparse
import difflib
import os
import re
import sys

LANGS = ("en", "fr", "es", "ru", "zh", "ar")
ID_RE = re.compile(r"^[A-Z0-9][A-Z0-9.-]{1,31}$")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
MAX_EN_LABEL = 140
MAX_OTHER_LABEL = 170  # translations run longer than English

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # data/template

# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------

SECTIONS = [
    ("OP1", (
        "OP 1 and related matters from OP 5, OP 6, OP 8 (a), (b), (c) and OP 10",
        "Paragraphe 1 du dispositif et questions connexes relevant des paragraphes 5, 6, 8 a), b) et c) et 10",
        "Párrafo 1 de la parte dispositiva y cuestiones conexas de los párrafos 5, 6, 8 a), b) y c) y 10",
        "Пункт 1 постановляющей части и связанные с ним вопросы из пунктов 5, 6, 8 (a), (b), (c) и 10",
        "执行部分第1段以及第5、6、8(a)、(b)、(c)和10段中的相关事项",
        "الفقرة 1 من المنطوق والمسائل ذات الصلة الواردة في الفقرات 5 و6 و8 (أ) و(ب) و(ج) و10",
    )),
    ("OP2", (
        "OP 2 — Prohibitions on non-State actors: national legal framework and enforcement",
        "Paragraphe 2 du dispositif — Interdictions visant les acteurs non étatiques : cadre juridique national et application",
        "Párrafo 2 de la parte dispositiva — Prohibiciones dirigidas a los agentes no estatales: marco jurídico nacional y aplicación",
        "Пункт 2 постановляющей части — запреты для негосударственных субъектов: национальная правовая база и обеспечение соблюдения",
        "执行部分第2段——对非国家行为者的禁止：国家法律框架和执法",
        "الفقرة 2 من المنطوق — الحظر المفروض على الجهات من غير الدول: الإطار القانوني الوطني والإنفاذ",
    )),
    ("OP3AB", (
        "OP 3 (a) and (b) — Accounting for, securing and physically protecting related materials",
        "Paragraphe 3 a) et b) du dispositif — Comptabilisation, sécurité et protection physique des matières connexes",
        "Párrafo 3 a) y b) de la parte dispositiva — Contabilización, seguridad y protección física de los materiales conexos",
        "Пункт 3 (a) и (b) постановляющей части — учет, обеспечение сохранности и физическая защита связанных материалов",
        "执行部分第3(a)和(b)段——相关材料的衡算、保安和实物保护",
        "الفقرة 3 (أ) و(ب) من المنطوق — حصر المواد ذات الصلة وتأمينها وحمايتها ماديا",
    )),
    ("OP3CD", (
        "OP 3 (c) and (d) — Border controls, law enforcement, and national export and trans-shipment controls",
        "Paragraphe 3 c) et d) du dispositif — Contrôles aux frontières, répression, et contrôles nationaux des exportations et du transbordement",
        "Párrafo 3 c) y d) de la parte dispositiva — Controles fronterizos, aplicación de la ley y controles nacionales de exportación y transbordo",
        "Пункт 3 (c) и (d) постановляющей части — пограничный контроль, правоприменение, национальный контроль экспорта и перевалки",
        "执行部分第3(c)和(d)段——边境管制、执法以及国家出口和转运管制",
        "الفقرة 3 (ج) و(د) من المنطوق — الضوابط الحدودية وإنفاذ القانون والضوابط الوطنية على التصدير وإعادة الشحن",
    )),
]

# --------------------------------------------------------------------------
# Themes (controlled list). Order here is the order of themes.tsv.
# --------------------------------------------------------------------------

THEMES = [
    ("international-instruments", (
        "International legal instruments",
        "Instruments juridiques internationaux",
        "Instrumentos jurídicos internacionales",
        "Международно-правовые документы",
        "国际法律文书",
        "الصكوك القانونية الدولية",
    )),
    ("international-organizations", (
        "International organizations",
        "Organisations internationales",
        "Organizaciones internacionales",
        "Международные организации",
        "国际组织",
        "المنظمات الدولية",
    )),
    ("safeguards", (
        "IAEA safeguards",
        "Garanties de l'AIEA",
        "Salvaguardias del OIEA",
        "Гарантии МАГАТЭ",
        "原子能机构保障监督",
        "ضمانات الوكالة الدولية للطاقة الذرية",
    )),
    ("codes-of-conduct", (
        "Codes of conduct",
        "Codes de conduite",
        "Códigos de conducta",
        "Кодексы поведения",
        "行为准则",
        "مدونات قواعد السلوك",
    )),
    ("export-control-regimes", (
        "Multilateral export control arrangements",
        "Arrangements multilatéraux de contrôle des exportations",
        "Arreglos multilaterales de control de las exportaciones",
        "Многосторонние режимы экспортного контроля",
        "多边出口管制安排",
        "الترتيبات المتعددة الأطراف لمراقبة الصادرات",
    )),
    ("political-commitments", (
        "Political commitments and statements",
        "Engagements et déclarations politiques",
        "Compromisos y declaraciones políticos",
        "Политические обязательства и заявления",
        "政治承诺和声明",
        "الالتزامات والبيانات السياسية",
    )),
    ("disarmament", (
        "Disarmament",
        "Désarmement",
        "Desarme",
        "Разоружение",
        "裁军",
        "نزع السلاح",
    )),
    ("counter-terrorism", (
        "Counter-terrorism",
        "Lutte contre le terrorisme",
        "Lucha contra el terrorismo",
        "Борьба с терроризмом",
        "反恐怖主义",
        "مكافحة الإرهاب",
    )),
    ("cooperation", (
        "International cooperation",
        "Coopération internationale",
        "Cooperación internacional",
        "Международное сотрудничество",
        "国际合作",
        "التعاون الدولي",
    )),
    ("legislation", (
        "Legislation and regulations",
        "Législation et réglementation",
        "Legislación y reglamentación",
        "Законодательство и нормативные акты",
        "立法和条例",
        "التشريعات واللوائح",
    )),
    ("enforcement", (
        "Enforcement",
        "Application et contrôle du respect",
        "Aplicación y control del cumplimiento",
        "Обеспечение соблюдения",
        "执法",
        "الإنفاذ",
    )),
    ("penalties", (
        "Civil and criminal penalties",
        "Sanctions civiles et pénales",
        "Sanciones civiles y penales",
        "Гражданские и уголовные санкции",
        "民事和刑事处罚",
        "العقوبات المدنية والجنائية",
    )),
    ("financing", (
        "Financing and funds",
        "Financement et fonds",
        "Financiación y fondos",
        "Финансирование и средства",
        "资助和资金",
        "التمويل والأموال",
    )),
    ("transport", (
        "Transport",
        "Transport",
        "Transporte",
        "Перевозка",
        "运输",
        "النقل",
    )),
    ("accounting", (
        "Accounting for materials",
        "Comptabilisation des matières",
        "Contabilización de materiales",
        "Учет материалов",
        "材料衡算",
        "حصر المواد",
    )),
    ("securing", (
        "Securing materials",
        "Sécurité des matières",
        "Seguridad de los materiales",
        "Обеспечение сохранности материалов",
        "材料保安",
        "تأمين المواد",
    )),
    ("physical-protection", (
        "Physical protection",
        "Protection physique",
        "Protección física",
        "Физическая защита",
        "实物保护",
        "الحماية المادية",
    )),
    ("licensing", (
        "Licensing and registration",
        "Licences et enregistrement",
        "Licencias y registro",
        "Лицензирование и регистрация",
        "许可和登记",
        "الترخيص والتسجيل",
    )),
    ("personnel-reliability", (
        "Personnel reliability",
        "Fiabilité du personnel",
        "Fiabilidad del personal",
        "Благонадежность персонала",
        "人员可靠性",
        "موثوقية الموظفين",
    )),
    ("regulatory-authority", (
        "Regulatory authority",
        "Autorité de réglementation",
        "Autoridad reguladora",
        "Регулирующий орган",
        "监管机构",
        "السلطة الرقابية",
    )),
    ("radioactive-sources", (
        "Radioactive sources",
        "Sources radioactives",
        "Fuentes radiactivas",
        "Радиоактивные источники",
        "放射源",
        "المصادر المشعة",
    )),
    ("biosafety-biosecurity", (
        "Biosafety and biosecurity",
        "Sécurité et sûreté biologiques",
        "Bioseguridad y bioprotección",
        "Биобезопасность и биозащищенность",
        "生物安全和生物安保",
        "السلامة البيولوجية والأمن البيولوجي",
    )),
    ("border-control", (
        "Border control",
        "Contrôle aux frontières",
        "Control fronterizo",
        "Пограничный контроль",
        "边境管制",
        "مراقبة الحدود",
    )),
    ("detection", (
        "Detection equipment and technical support",
        "Matériel de détection et appui technique",
        "Equipo de detección y apoyo técnico",
        "Оборудование обнаружения и техническая поддержка",
        "探测设备和技术支持",
        "معدات الكشف والدعم التقني",
    )),
    ("illicit-trafficking", (
        "Illicit trafficking",
        "Trafic illicite",
        "Tráfico ilícito",
        "Незаконный оборот",
        "非法贩运",
        "الاتجار غير المشروع",
    )),
    ("brokering", (
        "Brokering",
        "Courtage",
        "Intermediación",
        "Брокерская деятельность",
        "中介活动",
        "السمسرة",
    )),
    ("export-control", (
        "Export control",
        "Contrôle des exportations",
        "Control de las exportaciones",
        "Экспортный контроль",
        "出口管制",
        "مراقبة الصادرات",
    )),
    ("control-lists", (
        "Control lists",
        "Listes de contrôle",
        "Listas de control",
        "Контрольные списки",
        "管制清单",
        "قوائم المراقبة",
    )),
    ("technology-transfer", (
        "Technology transfer",
        "Transfert de technologie",
        "Transferencia de tecnología",
        "Передача технологий",
        "技术转让",
        "نقل التكنولوجيا",
    )),
    ("end-user-controls", (
        "End-user controls",
        "Contrôle de l'utilisateur final",
        "Controles del usuario final",
        "Контроль конечного пользователя",
        "最终用户管制",
        "الرقابة على المستخدم النهائي",
    )),
    ("catch-all", (
        "Catch-all controls",
        "Clause attrape-tout",
        "Controles generales (catch-all)",
        "Всеобъемлющий контроль (catch-all)",
        "全面管制条款",
        "الضوابط الشاملة",
    )),
    ("transit-transshipment", (
        "Transit and trans-shipment",
        "Transit et transbordement",
        "Tránsito y transbordo",
        "Транзит и перевалка",
        "过境和转运",
        "العبور وإعادة الشحن",
    )),
    ("re-export", (
        "Re-export",
        "Réexportation",
        "Reexportación",
        "Реэкспорт",
        "再出口",
        "إعادة التصدير",
    )),
    ("related-services", (
        "Services related to trade (transport, brokering, finance)",
        "Services liés aux échanges (transport, courtage, financement)",
        "Servicios relacionados con el comercio (transporte, intermediación, financiación)",
        "Услуги, связанные с торговлей (перевозка, посредничество, финансирование)",
        "与贸易有关的服务（运输、中介、资助）",
        "الخدمات المتصلة بالتجارة (النقل والسمسرة والتمويل)",
    )),
    ("import-control", (
        "Import control",
        "Contrôle des importations",
        "Control de las importaciones",
        "Импортный контроль",
        "进口管制",
        "مراقبة الواردات",
    )),
    ("extraterritoriality", (
        "Extraterritorial application",
        "Application extraterritoriale",
        "Aplicación extraterritorial",
        "Экстерриториальное применение",
        "域外适用",
        "التطبيق خارج الإقليم",
    )),
]

# --------------------------------------------------------------------------
# OP 1: one item per row of the Committee's OP 1 table.
# Each heading: (key, labels, [(id, weapon, themes, labels), ...])
# --------------------------------------------------------------------------

OP1 = [
    ("op1.treaties", (
        "Legally binding instruments",
        "Instruments juridiquement contraignants",
        "Instrumentos jurídicamente vinculantes",
        "Юридически обязательные документы",
        "具有法律约束力的文书",
        "الصكوك الملزمة قانوناً",
    ), [
        ("OP1-NPT", "nuclear", "international-instruments,disarmament", (
            "Treaty on the Non-Proliferation of Nuclear Weapons (NPT)",
            "Traité sur la non-prolifération des armes nucléaires (TNP)",
            "Tratado sobre la No Proliferación de las Armas Nucleares (TNP)",
            "Договор о нераспространении ядерного оружия (ДНЯО)",
            "不扩散核武器条约",
            "معاهدة عدم انتشار الأسلحة النووية",
        )),
        ("OP1-NWFZ", "nuclear", "international-instruments,disarmament", (
            "Nuclear-weapon-free zone treaty and protocol(s)",
            "Traité portant création d'une zone exempte d'armes nucléaires et protocole(s)",
            "Tratado de zona libre de armas nucleares y protocolo(s)",
            "Договор о зоне, свободной от ядерного оружия, и протокол(ы) к нему",
            "无核武器区条约及其议定书",
            "معاهدة إنشاء منطقة خالية من الأسلحة النووية وبروتوكولاتها",
        )),
        ("OP1-ICSANT", "nuclear", "international-instruments,counter-terrorism", (
            "International Convention for the Suppression of Acts of Nuclear Terrorism (ICSANT)",
            "Convention internationale pour la répression des actes de terrorisme nucléaire",
            "Convenio Internacional para la Represión de los Actos de Terrorismo Nuclear",
            "Международная конвенция о борьбе с актами ядерного терроризма",
            "制止核恐怖主义行为国际公约",
            "الاتفاقية الدولية لقمع أعمال الإرهاب النووي",
        )),
        ("OP1-CPPNM", "nuclear", "international-instruments,physical-protection", (
            "Convention on the Physical Protection of Nuclear Material (CPPNM)",
            "Convention sur la protection physique des matières nucléaires",
            "Convención sobre la Protección Física de los Materiales Nucleares",
            "Конвенция о физической защите ядерного материала",
            "核材料实物保护公约",
            "اتفاقية الحماية المادية للمواد النووية",
        )),
        ("OP1-CPPNM-A2005", "nuclear", "international-instruments,physical-protection", (
            "2005 Amendment to the Convention on the Physical Protection of Nuclear Material",
            "Amendement de 2005 à la Convention sur la protection physique des matières nucléaires",
            "Enmienda de 2005 a la Convención sobre la Protección Física de los Materiales Nucleares",
            "Поправка 2005 года к Конвенции о физической защите ядерного материала",
            "2005年核材料实物保护公约修正案",
            "تعديل عام 2005 لاتفاقية الحماية المادية للمواد النووية",
        )),
        ("OP1-CTBT", "nuclear", "international-instruments,disarmament", (
            "Comprehensive Nuclear-Test-Ban Treaty (CTBT)",
            "Traité d'interdiction complète des essais nucléaires (TICE)",
            "Tratado de Prohibición Completa de los Ensayos Nucleares (TPCE)",
            "Договор о всеобъемлющем запрещении ядерных испытаний (ДВЗЯИ)",
            "全面禁止核试验条约",
            "معاهدة الحظر الشامل للتجارب النووية",
        )),
        ("OP1-CWC", "chemical", "international-instruments,disarmament", (
            "Chemical Weapons Convention (CWC)",
            "Convention sur les armes chimiques (CIAC)",
            "Convención sobre las Armas Químicas (CAQ)",
            "Конвенция о химическом оружии (КХО)",
            "化学武器公约",
            "اتفاقية الأسلحة الكيميائية",
        )),
        ("OP1-BWC", "biological", "international-instruments,disarmament", (
            "Biological Weapons Convention (BWC)",
            "Convention sur les armes biologiques (CIAB)",
            "Convención sobre las Armas Biológicas (CAB)",
            "Конвенция о биологическом оружии (КБО)",
            "生物武器公约",
            "اتفاقية الأسلحة البيولوجية",
        )),
        ("OP1-GENEVA1925", "-", "international-instruments", (
            "1925 Geneva Protocol (asphyxiating, poisonous or other gases and bacteriological methods of warfare)",
            "Protocole de Genève de 1925 (gaz asphyxiants, toxiques ou similaires et moyens bactériologiques)",
            "Protocolo de Ginebra de 1925 (gases asfixiantes, tóxicos o similares y medios bacteriológicos)",
            "Женевский протокол 1925 года (удушающие, ядовитые или другие подобные газы и бактериологические средства)",
            "1925年日内瓦议定书（禁用窒息性、毒性或其他气体和细菌作战方法）",
            "بروتوكول جنيف لعام 1925 (حظر استعمال الغازات الخانقة أو السامة أو ما شابهها والوسائل البكتريولوجية في الحرب)",
        )),
        ("OP1-OTHER-CONV", "-", "international-instruments,counter-terrorism", (
            "Other relevant conventions and treaties (e.g. counter-terrorism instruments)",
            "Autres conventions et traités pertinents (par exemple instruments de lutte contre le terrorisme)",
            "Otras convenciones y tratados pertinentes (p. ej., instrumentos contra el terrorismo)",
            "Другие соответствующие конвенции и договоры (например, документы по борьбе с терроризмом)",
            "其他相关公约和条约（例如反恐怖主义文书）",
            "الاتفاقيات والمعاهدات الأخرى ذات الصلة (مثل صكوك مكافحة الإرهاب)",
        )),
    ]),
    ("op1.iaea-codes", (
        "IAEA membership, safeguards and codes of conduct",
        "Qualité de membre de l'AIEA, garanties et codes de conduite",
        "Condición de miembro del OIEA, salvaguardias y códigos de conducta",
        "Членство в МАГАТЭ, гарантии и кодексы поведения",
        "原子能机构成员资格、保障监督和行为准则",
        "العضوية في الوكالة الدولية للطاقة الذرية والضمانات ومدونات قواعد السلوك",
    ), [
        ("OP1-IAEA-MEMBER", "nuclear", "international-organizations", (
            "Membership of the International Atomic Energy Agency (IAEA)",
            "Qualité de membre de l'Agence internationale de l'énergie atomique (AIEA)",
            "Condición de miembro del Organismo Internacional de Energía Atómica (OIEA)",
            "Членство в Международном агентстве по атомной энергии (МАГАТЭ)",
            "国际原子能机构成员资格",
            "العضوية في الوكالة الدولية للطاقة الذرية",
        )),
        ("OP1-IAEA-CSA", "nuclear", "safeguards,international-instruments", (
            "IAEA comprehensive safeguards agreement",
            "Accord de garanties généralisées avec l'AIEA",
            "Acuerdo de salvaguardias amplias con el OIEA",
            "Соглашение о всеобъемлющих гарантиях с МАГАТЭ",
            "与原子能机构的全面保障监督协定",
            "اتفاق الضمانات الشاملة مع الوكالة الدولية للطاقة الذرية",
        )),
        ("OP1-IAEA-AP", "nuclear", "safeguards,international-instruments", (
            "Additional protocol to the IAEA safeguards agreement",
            "Protocole additionnel à l'accord de garanties avec l'AIEA",
            "Protocolo adicional al acuerdo de salvaguardias con el OIEA",
            "Дополнительный протокол к соглашению о гарантиях с МАГАТЭ",
            "原子能机构保障监督协定附加议定书",
            "البروتوكول الإضافي لاتفاق الضمانات مع الوكالة الدولية للطاقة الذرية",
        )),
        ("OP1-IAEA-COC-RS", "nuclear", "codes-of-conduct,radioactive-sources", (
            "IAEA Code of Conduct on the Safety and Security of Radioactive Sources",
            "Code de conduite de l'AIEA sur la sûreté et la sécurité des sources radioactives",
            "Código de Conducta del OIEA sobre la Seguridad Tecnológica y Física de las Fuentes Radiactivas",
            "Кодекс поведения МАГАТЭ по обеспечению безопасности и сохранности радиоактивных источников",
            "原子能机构放射源安全和保安行为准则",
            "مدونة قواعد السلوك بشأن أمان المصادر المشعة وأمنها (الوكالة الدولية للطاقة الذرية)",
        )),
        ("OP1-HCOC", "delivery", "codes-of-conduct", (
            "Hague Code of Conduct against Ballistic Missile Proliferation (HCoC)",
            "Code de conduite de La Haye contre la prolifération des missiles balistiques",
            "Código de Conducta de La Haya contra la Proliferación de los Misiles Balísticos",
            "Гаагский кодекс поведения по предотвращению распространения баллистических ракет",
            "防止弹道导弹扩散海牙行为准则",
            "مدونة لاهاي لقواعد السلوك لمكافحة انتشار القذائف التسيارية",
        )),
    ]),
    ("op1.arrangements", (
        "Export control arrangements and other initiatives",
        "Arrangements de contrôle des exportations et autres initiatives",
        "Arreglos de control de las exportaciones y otras iniciativas",
        "Режимы экспортного контроля и другие инициативы",
        "出口管制安排和其他倡议",
        "ترتيبات مراقبة الصادرات والمبادرات الأخرى",
    ), [
        ("OP1-NSG", "nuclear", "export-control-regimes", (
            "Participation in the Nuclear Suppliers Group (NSG)",
            "Participation au Groupe des fournisseurs nucléaires (GFN)",
            "Participación en el Grupo de Suministradores Nucleares (GSN)",
            "Участие в Группе ядерных поставщиков (ГЯП)",
            "参加核供应国集团",
            "المشاركة في مجموعة موردي المواد النووية",
        )),
        ("OP1-ZANGGER", "nuclear", "export-control-regimes", (
            "Participation in the Zangger Committee",
            "Participation au Comité Zangger",
            "Participación en el Comité Zangger",
            "Участие в Комитете Цангера",
            "参加桑戈委员会",
            "المشاركة في لجنة زانغر",
        )),
        ("OP1-AG", "-", "export-control-regimes", (
            "Participation in the Australia Group",
            "Participation au Groupe de l'Australie",
            "Participación en el Grupo de Australia",
            "Участие в Австралийской группе",
            "参加澳大利亚集团",
            "المشاركة في مجموعة أستراليا",
        )),
        ("OP1-MTCR", "delivery", "export-control-regimes", (
            "Participation in the Missile Technology Control Regime (MTCR)",
            "Participation au Régime de contrôle de la technologie des missiles (RCTM)",
            "Participación en el Régimen de Control de la Tecnología de Misiles (RCTM)",
            "Участие в Режиме контроля за ракетной технологией (РКРТ)",
            "参加导弹及其技术控制制度",
            "المشاركة في نظام مراقبة تكنولوجيا القذائف",
        )),
        ("OP1-WASSENAAR", "-", "export-control-regimes", (
            "Participation in the Wassenaar Arrangement",
            "Participation à l'Arrangement de Wassenaar",
            "Participación en el Arreglo de Wassenaar",
            "Участие в Вассенаарских договоренностях",
            "参加瓦森纳安排",
            "المشاركة في ترتيب واسنار",
        )),
        ("OP1-GICNT", "nuclear", "cooperation,counter-terrorism", (
            "Participation in the Global Initiative to Combat Nuclear Terrorism (GICNT)",
            "Participation à l'Initiative mondiale de lutte contre le terrorisme nucléaire",
            "Participación en la Iniciativa Mundial para Combatir el Terrorismo Nuclear",
            "Участие в Глобальной инициативе по борьбе с актами ядерного терроризма",
            "参加全球打击核恐怖主义倡议",
            "المشاركة في المبادرة العالمية لمكافحة الإرهاب النووي",
        )),
        ("OP1-GP", "-", "cooperation", (
            "Participation in the Global Partnership against the Spread of Weapons and Materials of Mass Destruction",
            "Participation au Partenariat mondial contre la prolifération des armes et matières de destruction massive",
            "Participación en la Alianza Mundial contra la Proliferación de Armas y Materiales de Destrucción en Masa",
            "Участие в Глобальном партнерстве против распространения оружия и материалов массового уничтожения",
            "参加防止大规模毁灭性武器和材料扩散全球伙伴关系",
            "المشاركة في الشراكة العالمية لمكافحة انتشار أسلحة ومواد الدمار الشامل",
        )),
        ("OP1-PSI", "-", "cooperation,illicit-trafficking", (
            "Participation in the Proliferation Security Initiative (PSI)",
            "Participation à l'Initiative de sécurité contre la prolifération (ISP)",
            "Participación en la Iniciativa de Seguridad contra la Proliferación (ISP)",
            "Участие в Инициативе по безопасности в сфере борьбы с распространением (ИБОР)",
            "参加防扩散安全倡议",
            "المشاركة في المبادرة الأمنية لمكافحة الانتشار",
        )),
        ("OP1-OTHER-ARR", "-", "cooperation", (
            "Other arrangements and initiatives",
            "Autres arrangements et initiatives",
            "Otros arreglos e iniciativas",
            "Другие договоренности и инициативы",
            "其他安排和倡议",
            "الترتيبات والمبادرات الأخرى",
        )),
    ]),
    ("op1.statements", (
        "General statements",
        "Déclarations générales",
        "Declaraciones generales",
        "Общие заявления",
        "一般性声明",
        "البيانات العامة",
    ), [
        ("OP1-STMT-NONPOSSESSION", "-", "political-commitments", (
            "General statement on non-possession of nuclear, chemical and biological weapons",
            "Déclaration générale de non-détention d'armes nucléaires, chimiques et biologiques",
            "Declaración general de no posesión de armas nucleares, químicas y biológicas",
            "Общее заявление об отсутствии ядерного, химического и биологического оружия",
            "关于不拥有核生化武器的一般性声明",
            "بيان عام بشأن عدم امتلاك أسلحة نووية أو كيميائية أو بيولوجية",
        )),
        ("OP1-STMT-NONSUPPORT", "-", "political-commitments", (
            "General statement on refraining from any support to non-State actors (OP 1)",
            "Déclaration générale sur l'abstention de tout appui aux acteurs non étatiques (par. 1)",
            "Declaración general sobre la abstención de prestar apoyo a agentes no estatales (párr. 1)",
            "Общее заявление о воздержании от любой поддержки негосударственных субъектов (п. 1)",
            "关于不向非国家行为者提供任何形式支持的一般性声明（执行部分第1段）",
            "بيان عام بشأن الامتناع عن تقديم أي دعم إلى الجهات من غير الدول (الفقرة 1)",
        )),
        ("OP1-STMT-DISARMAMENT", "-", "political-commitments,disarmament", (
            "General statement of commitment to disarmament and non-proliferation",
            "Déclaration générale d'engagement en faveur du désarmement et de la non-prolifération",
            "Declaración general de compromiso con el desarme y la no proliferación",
            "Общее заявление о приверженности разоружению и нераспространению",
            "关于致力于裁军和不扩散的一般性声明",
            "بيان عام بشأن الالتزام بنزع السلاح وعدم الانتشار",
        )),
    ]),
    ("op1.related", (
        "Related matters from OP 6, OP 8 (a)–(c) and OP 10",
        "Questions connexes (par. 6, 8 a) à c) et 10)",
        "Cuestiones conexas (párrs. 6, 8 a) a c) y 10)",
        "Связанные вопросы (пп. 6, 8 (a)–(c) и 10)",
        "相关事项（执行部分第6、8(a)至(c)和10段）",
        "المسائل ذات الصلة (الفقرات 6 و8 (أ) إلى (ج) و10)",
    ), [
        ("OP1-OP6-CONTROL-LISTS", "-", "control-lists,export-control", (
            "National control lists established and maintained (OP 6)",
            "Établissement et tenue de listes nationales de contrôle (par. 6)",
            "Establecimiento y mantenimiento de listas nacionales de control (párr. 6)",
            "Составление и ведение национальных контрольных списков (п. 6)",
            "制定和维持国家管制清单（执行部分第6段）",
            "وضع قوائم مراقبة وطنية وتعهدها (الفقرة 6)",
        )),
        ("OP1-OP8A-UNIVERSALITY", "-", "international-instruments,cooperation", (
            "Promotion of universal adoption and full implementation of multilateral treaties (OP 8 (a))",
            "Promotion de l'adoption universelle et de l'application intégrale des traités multilatéraux (par. 8 a))",
            "Promoción de la aprobación universal y la plena aplicación de los tratados multilaterales (párr. 8 a))",
            "Содействие всеобщему принятию и полному осуществлению многосторонних договоров (п. 8 (a))",
            "促进普遍通过和充分执行多边条约（执行部分第8(a)段）",
            "تعزيز الاعتماد العالمي للمعاهدات المتعددة الأطراف وتنفيذها الكامل (الفقرة 8 (أ))",
        )),
        ("OP1-OP8B-NATIONAL-RULES", "-", "legislation,international-instruments", (
            "National rules to ensure compliance with multilateral non-proliferation treaties (OP 8 (b))",
            "Règles nationales garantissant le respect des traités multilatéraux de non-prolifération (par. 8 b))",
            "Normas nacionales para asegurar el cumplimiento de los tratados multilaterales de no proliferación (párr. 8 b))",
            "Национальные нормы для обеспечения соблюдения многосторонних договоров о нераспространении (п. 8 (b))",
            "确保遵守多边不扩散条约的国家规则（执行部分第8(b)段）",
            "قواعد وطنية لضمان الامتثال للمعاهدات المتعددة الأطراف لعدم الانتشار (الفقرة 8 (ب))",
        )),
        ("OP1-OP8C-MULTILATERAL", "-", "cooperation,international-organizations", (
            "Commitment to multilateral cooperation, in particular within the IAEA, OPCW and BWC (OP 8 (c))",
            "Engagement en faveur de la coopération multilatérale, notamment dans le cadre de l'AIEA, de l'OIAC et de la CIAB (par. 8 c))",
            "Compromiso con la cooperación multilateral, en particular en el marco del OIEA, la OPAQ y la CAB (párr. 8 c))",
            "Приверженность многостороннему сотрудничеству, в частности в рамках МАГАТЭ, ОЗХО и КБО (п. 8 (c))",
            "致力于多边合作，特别是在原子能机构、禁化武组织和生物武器公约框架内（执行部分第8(c)段）",
            "الالتزام بالتعاون المتعدد الأطراف، ولا سيما في إطار الوكالة الدولية للطاقة الذرية ومنظمة حظر الأسلحة الكيميائية واتفاقية الأسلحة البيولوجية (الفقرة 8 (ج))",
        )),
        ("OP1-OP10-TRAFFICKING", "-", "cooperation,illicit-trafficking", (
            "Cooperative action to prevent illicit trafficking in NBC weapons, means of delivery and related materials (OP 10)",
            "Action concertée pour prévenir le trafic illicite d'armes NBC, de leurs vecteurs et des matières connexes (par. 10)",
            "Acción cooperativa para prevenir el tráfico ilícito de armas NBQ, sus sistemas vectores y materiales conexos (párr. 10)",
            "Совместные действия по предотвращению незаконного оборота оружия массового уничтожения, средств доставки и связанных материалов (п. 10)",
            "采取合作行动防止非法贩运核生化武器及其运载工具和相关材料（执行部分第10段）",
            "العمل التعاوني لمنع الاتجار غير المشروع بالأسلحة النووية والكيميائية والبيولوجية ووسائل إيصالها والمواد ذات الصلة (الفقرة 10)",
        )),
        ("OP1-UNSCR-OTHER", "-", "international-instruments,political-commitments", (
            "Commitments under other relevant Security Council resolutions",
            "Engagements au titre d'autres résolutions pertinentes du Conseil de sécurité",
            "Compromisos en virtud de otras resoluciones pertinentes del Consejo de Seguridad",
            "Обязательства по другим соответствующим резолюциям Совета Безопасности",
            "根据安全理事会其他相关决议作出的承诺",
            "الالتزامات بموجب قرارات مجلس الأمن الأخرى ذات الصلة",
        )),
    ]),
]

# --------------------------------------------------------------------------
# Weapon types used by OP 2 and OP 3.
# code -> (weapon column value, heading suffix, OP 2 name, OP 3 name)
# --------------------------------------------------------------------------

WEAPONS = {
    "NW": ("nuclear", "nuclear", (
        "Nuclear weapons",
        "Armes nucléaires",
        "Armas nucleares",
        "Ядерное оружие",
        "核武器",
        "الأسلحة النووية",
    ), (
        "Nuclear weapons and related materials",
        "Armes nucléaires et matières connexes",
        "Armas nucleares y materiales conexos",
        "Ядерное оружие и связанные с ним материалы",
        "核武器及相关材料",
        "الأسلحة النووية والمواد ذات الصلة",
    )),
    "CW": ("chemical", "chemical", (
        "Chemical weapons",
        "Armes chimiques",
        "Armas químicas",
        "Химическое оружие",
        "化学武器",
        "الأسلحة الكيميائية",
    ), (
        "Chemical weapons and related materials",
        "Armes chimiques et matières connexes",
        "Armas químicas y materiales conexos",
        "Химическое оружие и связанные с ним материалы",
        "化学武器及相关材料",
        "الأسلحة الكيميائية والمواد ذات الصلة",
    )),
    "BW": ("biological", "biological", (
        "Biological weapons",
        "Armes biologiques",
        "Armas biológicas",
        "Биологическое оружие",
        "生物武器",
        "الأسلحة البيولوجية",
    ), (
        "Biological weapons and related materials",
        "Armes biologiques et matières connexes",
        "Armas biológicas y materiales conexos",
        "Биологическое оружие и связанные с ним материалы",
        "生物武器及相关材料",
        "الأسلحة البيولوجية والمواد ذات الصلة",
    )),
    "MD": ("delivery", "delivery", (
        "Means of delivery",
        "Vecteurs",
        "Sistemas vectores",
        "Средства доставки",
        "运载工具",
        "وسائل الإيصال",
    ), (
        # v2 only: OP 3 rows for means of delivery (glossary: means-of-delivery)
        "Means of delivery and related materials",
        "Vecteurs et matières connexes",
        "Sistemas vectores y materiales conexos",
        "Средства доставки и связанные с ними материалы",
        "运载工具及相关材料",
        "وسائل الإيصال والمواد ذات الصلة",
    )),
}

# The two columns the Committee marks beside every OP 2 / OP 3 row.
# code -> (id suffix, theme tags added, {section: labels})
COLUMNS = [
    ("LAW", "legislation", {
        "OP2": (
            "{w} — national legal framework prohibiting non-State actors: {r}",
            "{w} — cadre juridique national interdisant aux acteurs non étatiques : {r}",
            "{w} — marco jurídico nacional que prohíbe a los agentes no estatales: {r}",
            "{w} — национальная правовая база, запрещающая негосударственным субъектам: {r}",
            "{w}——禁止非国家行为者的国家法律框架：{r}",
            "{w} — الإطار القانوني الوطني الذي يحظر على الجهات من غير الدول: {r}",
        ),
        "OP3": (
            "{w} — {r}: national legal framework",
            "{w} — {r} : cadre juridique national",
            "{w} — {r}: marco jurídico nacional",
            "{w} — {r}: национальная правовая база",
            "{w}——{r}：国家法律框架",
            "{w} — {r}: الإطار القانوني الوطني",
        ),
    }),
    ("ENF", "enforcement", {
        "OP2": (
            "{w} — enforcement, civil/criminal penalties: {r}",
            "{w} — application, sanctions civiles/pénales : {r}",
            "{w} — aplicación, sanciones civiles/penales: {r}",
            "{w} — обеспечение соблюдения, гражданские/уголовные санкции: {r}",
            "{w}——执法（民事/刑事处罚）：{r}",
            "{w} — الإنفاذ، العقوبات المدنية/الجنائية: {r}",
        ),
        "OP3": (
            "{w} — {r}: enforcement",
            "{w} — {r} : application",
            "{w} — {r}: aplicación",
            "{w} — {r}: обеспечение соблюдения",
            "{w}——{r}：执法",
            "{w} — {r}: الإنفاذ",
        ),
    }),
]

# --------------------------------------------------------------------------
# OP 2: the activities the resolution requires States to prohibit.
# (id part, extra themes, labels)
# --------------------------------------------------------------------------

OP2_ACTIVITIES = [
    ("MANUFACTURE", "", (
        "manufacture/production",
        "fabrication/production",
        "fabricación/producción",
        "изготовление/производство",
        "制造/生产",
        "الصنع/الإنتاج",
    )),
    ("ACQUIRE", "", (
        "acquisition",
        "acquisition",
        "adquisición",
        "приобретение",
        "获取",
        "الحيازة",
    )),
    ("POSSESS", "", (
        "possession",
        "possession",
        "posesión",
        "обладание",
        "拥有",
        "الامتلاك",
    )),
    ("STOCKPILE", "", (
        "stockpiling/storage",
        "stockage/entreposage",
        "acopio/almacenamiento",
        "накопление/хранение",
        "囤积/储存",
        "التكديس/التخزين",
    )),
    ("DEVELOP", "", (
        "development",
        "mise au point",
        "desarrollo",
        "разработка",
        "开发",
        "الاستحداث",
    )),
    ("TRANSPORT", "transport", (
        "transport",
        "transport",
        "transporte",
        "перевозка",
        "运输",
        "النقل",
    )),
    ("TRANSFER", "", (
        "transfer",
        "transfert",
        "transferencia",
        "передача",
        "转移",
        "التحويل",
    )),
    ("USE", "", (
        "use",
        "utilisation",
        "empleo",
        "применение",
        "使用",
        "الاستعمال",
    )),
    ("ATTEMPT", "", (
        "attempt to engage in a listed activity",
        "tentative de se livrer à l'une des activités visées",
        "intento de realizar una actividad enumerada",
        "попытка заниматься перечисленной деятельностью",
        "企图从事所列任何活动",
        "محاولة القيام بأي من الأنشطة المذكورة",
    )),
    ("ACCOMPLICE", "", (
        "participation as an accomplice in a listed activity",
        "complicité dans l'une des activités visées",
        "participación como cómplice en una actividad enumerada",
        "соучастие в перечисленной деятельности",
        "作为共犯参与所列任何活动",
        "المشاركة بصفة شريك في أي من الأنشطة المذكورة",
    )),
    ("ASSIST", "", (
        "assistance to a listed activity",
        "aide à l'une des activités visées",
        "asistencia a una actividad enumerada",
        "оказание помощи в перечисленной деятельности",
        "协助所列任何活动",
        "المساعدة في أي من الأنشطة المذكورة",
    )),
    ("FINANCE", "financing", (
        "financing of a listed activity",
        "financement de l'une des activités visées",
        "financiación de una actividad enumerada",
        "финансирование перечисленной деятельности",
        "资助所列任何活动",
        "تمويل أي من الأنشطة المذكورة",
    )),
]

OP2_BLOCKS = ["NW", "CW", "BW", "MD"]

OP2_ENF_EXTRA_THEMES = "penalties"

# --------------------------------------------------------------------------
# OP 3 (a) and (b): account for, secure, physically protect.
# (id part, themes, labels, weapon codes it applies to)
# --------------------------------------------------------------------------

ALL3 = ("NW", "CW", "BW")

OP3AB_ROWS = [
    ("ACCOUNT-PRODUCTION", "accounting", (
        "accounting for items in production",
        "comptabilisation des produits lors de la production",
        "contabilización de los artículos en la producción",
        "учет предметов при производстве",
        "生产中物项的衡算",
        "حصر الأصناف أثناء الإنتاج",
    ), ALL3),
    ("ACCOUNT-USE", "accounting", (
        "accounting for items in use",
        "comptabilisation des produits lors de l'utilisation",
        "contabilización de los artículos en el uso",
        "учет предметов при использовании",
        "使用中物项的衡算",
        "حصر الأصناف أثناء الاستعمال",
    ), ALL3),
    ("ACCOUNT-STORAGE", "accounting", (
        "accounting for items in storage",
        "comptabilisation des produits lors du stockage",
        "contabilización de los artículos en el almacenamiento",
        "учет предметов при хранении",
        "储存中物项的衡算",
        "حصر الأصناف أثناء التخزين",
    ), ALL3),
    ("ACCOUNT-TRANSPORT", "accounting,transport", (
        "accounting for items in transport",
        "comptabilisation des produits lors du transport",
        "contabilización de los artículos en el transporte",
        "учет предметов при транспортировке",
        "运输中物项的衡算",
        "حصر الأصناف أثناء النقل",
    ), ALL3),
    ("SECURE-PRODUCTION", "securing", (
        "securing items in production",
        "sécurité des produits lors de la production",
        "seguridad de los artículos en la producción",
        "обеспечение сохранности предметов при производстве",
        "生产中物项的保安",
        "تأمين الأصناف أثناء الإنتاج",
    ), ALL3),
    ("SECURE-USE", "securing", (
        "securing items in use",
        "sécurité des produits lors de l'utilisation",
        "seguridad de los artículos en el uso",
        "обеспечение сохранности предметов при использовании",
        "使用中物项的保安",
        "تأمين الأصناف أثناء الاستعمال",
    ), ALL3),
    ("SECURE-STORAGE", "securing", (
        "securing items in storage",
        "sécurité des produits lors du stockage",
        "seguridad de los artículos en el almacenamiento",
        "обеспечение сохранности предметов при хранении",
        "储存中物项的保安",
        "تأمين الأصناف أثناء التخزين",
    ), ALL3),
    ("SECURE-TRANSPORT", "securing,transport", (
        "securing items in transport",
        "sécurité des produits lors du transport",
        "seguridad de los artículos en el transporte",
        "обеспечение сохранности предметов при транспортировке",
        "运输中物项的保安",
        "تأمين الأصناف أثناء النقل",
    ), ALL3),
    ("PHYSPROT-FACILITIES", "physical-protection", (
        "physical protection of facilities",
        "protection physique des installations",
        "protección física de las instalaciones",
        "физическая защита объектов",
        "设施的实物保护",
        "الحماية المادية للمرافق",
    ), ALL3),
    ("PHYSPROT-MATERIALS", "physical-protection", (
        "physical protection of materials in use and storage",
        "protection physique des matières en cours d'utilisation et d'entreposage",
        "protección física de los materiales en uso y almacenamiento",
        "физическая защита материалов при использовании и хранении",
        "使用和储存中材料的实物保护",
        "الحماية المادية للمواد أثناء الاستعمال والتخزين",
    ), ALL3),
    ("PHYSPROT-TRANSPORT", "physical-protection,transport", (
        "physical protection during transport",
        "protection physique pendant le transport",
        "protección física durante el transporte",
        "физическая защита при транспортировке",
        "运输中的实物保护",
        "الحماية المادية أثناء النقل",
    ), ALL3),
    ("LICENSING", "licensing", (
        "licensing/registration of installations and persons",
        "octroi de licences/enregistrement des installations et des personnes",
        "concesión de licencias/registro de instalaciones y personas",
        "лицензирование/регистрация объектов и лиц",
        "设施和人员的许可/登记",
        "ترخيص/تسجيل المنشآت والأشخاص",
    ), ALL3),
    ("PERSONNEL", "personnel-reliability", (
        "reliability checks of personnel",
        "vérification de la fiabilité du personnel",
        "verificación de la fiabilidad del personal",
        "проверка благонадежности персонала",
        "人员可靠性审查",
        "التحقق من موثوقية الموظفين",
    ), ALL3),
    ("REGAUTHORITY", "regulatory-authority", (
        "designated regulatory authority",
        "autorité de réglementation désignée",
        "autoridad reguladora designada",
        "назначенный регулирующий орган",
        "指定的监管机构",
        "سلطة رقابية معيّنة",
    ), ALL3),
    ("SAFEGUARDS", "safeguards,accounting", (
        "national accounting and control system for IAEA safeguards",
        "système national de comptabilité et de contrôle (garanties de l'AIEA)",
        "sistema nacional de contabilidad y control (salvaguardias del OIEA)",
        "государственная система учета и контроля (гарантии МАГАТЭ)",
        "国家衡算和控制系统（原子能机构保障监督）",
        "النظام الوطني لحصر المواد ومراقبتها (ضمانات الوكالة الدولية للطاقة الذرية)",
    ), ("NW",)),
    ("RADSOURCES", "radioactive-sources", (
        "safety and security of radioactive sources",
        "sûreté et sécurité des sources radioactives",
        "seguridad tecnológica y física de las fuentes radiactivas",
        "безопасность и сохранность радиоактивных источников",
        "放射源的安全和保安",
        "أمان المصادر المشعة وأمنها",
    ), ("NW",)),
    ("SCHEDULED", "control-lists,licensing", (
        "controls on scheduled toxic chemicals and precursors",
        "contrôle des produits chimiques toxiques et précurseurs inscrits aux tableaux",
        "control de las sustancias químicas tóxicas y precursores incluidos en las listas",
        "контроль за токсичными химикатами и прекурсорами из списков КХО",
        "对附表所列有毒化学品及其前体的管制",
        "الرقابة على المواد الكيميائية السامة وسلائفها المدرجة في الجداول",
    ), ("CW",)),
    ("DECLARATIONS", "accounting,international-organizations", (
        "declarations and inspections under the CWC",
        "déclarations et inspections au titre de la CIAC",
        "declaraciones e inspecciones en virtud de la CAQ",
        "объявления и инспекции согласно КХО",
        "根据化学武器公约的宣布和视察",
        "الإعلانات وعمليات التفتيش بموجب اتفاقية الأسلحة الكيميائية",
    ), ("CW",)),
    ("GENETIC", "biosafety-biosecurity,licensing", (
        "regulation of genetic engineering work",
        "réglementation des travaux de génie génétique",
        "reglamentación de los trabajos de ingeniería genética",
        "регулирование работ в области генной инженерии",
        "基因工程工作的管理",
        "تنظيم أعمال الهندسة الوراثية",
    ), ("BW",)),
    ("BIOSAFETY", "biosafety-biosecurity", (
        "biosafety and biosecurity of laboratories and facilities",
        "sécurité et sûreté biologiques des laboratoires et installations",
        "bioseguridad y bioprotección de laboratorios e instalaciones",
        "биобезопасность и биозащищенность лабораторий и объектов",
        "实验室和设施的生物安全和生物安保",
        "السلامة البيولوجية والأمن البيولوجي في المختبرات والمرافق",
    ), ("BW",)),
]

# --------------------------------------------------------------------------
# OP 3 (c) and (d): border controls / law enforcement, export controls.
# (group, id part, themes, labels)
# --------------------------------------------------------------------------

OP3CD_ROWS = [
    ("border", "BORDER", "border-control,illicit-trafficking", (
        "border controls to detect and deter illicit trafficking",
        "contrôles aux frontières pour détecter et décourager le trafic illicite",
        "controles fronterizos para detectar y disuadir el tráfico ilícito",
        "пограничный контроль для выявления и пресечения незаконного оборота",
        "侦查和遏止非法贩运的边境管制",
        "الضوابط الحدودية لكشف الاتجار غير المشروع وردعه",
    )),
    ("border", "DETECTION", "border-control,detection", (
        "technical support measures (detection equipment)",
        "mesures d'appui technique (matériel de détection)",
        "medidas de apoyo técnico (equipo de detección)",
        "меры технической поддержки (оборудование обнаружения)",
        "技术支持措施（探测设备）",
        "تدابير الدعم التقني (معدات الكشف)",
    )),
    ("border", "TRAFFICKING", "illicit-trafficking", (
        "prohibition of illicit trafficking",
        "interdiction du trafic illicite",
        "prohibición del tráfico ilícito",
        "запрет незаконного оборота",
        "禁止非法贩运",
        "حظر الاتجار غير المشروع",
    )),
    ("border", "BROKERING", "brokering,related-services", (
        "control of brokering",
        "contrôle du courtage",
        "control de la intermediación",
        "контроль за брокерской деятельностью",
        "对中介活动的管制",
        "الرقابة على السمسرة",
    )),
    ("border", "LECOOP", "cooperation,illicit-trafficking", (
        "law enforcement cooperation, including international",
        "coopération entre services de répression, y compris internationale",
        "cooperación en la aplicación de la ley, incluida la internacional",
        "сотрудничество правоохранительных органов, в том числе международное",
        "执法合作，包括国际合作",
        "التعاون في مجال إنفاذ القانون، بما في ذلك التعاون الدولي",
    )),
    ("export", "EXPORT", "export-control", (
        "export control legislation",
        "législation relative au contrôle des exportations",
        "legislación de control de las exportaciones",
        "законодательство об экспортном контроле",
        "出口管制立法",
        "تشريعات مراقبة الصادرات",
    )),
    ("export", "LICENSING", "export-control,licensing", (
        "licensing system and licensing authority",
        "régime de licences et autorité de délivrance",
        "régimen de licencias y autoridad competente",
        "система лицензирования и лицензирующий орган",
        "许可制度和发证机构",
        "نظام الترخيص وسلطة الترخيص",
    )),
    ("export", "LIC-INDIVIDUAL", "export-control,licensing", (
        "individual licensing",
        "licences individuelles",
        "licencias individuales",
        "индивидуальные лицензии",
        "单项许可",
        "التراخيص الفردية",
    )),
    ("export", "LIC-GENERAL", "export-control,licensing", (
        "general licensing",
        "licences générales",
        "licencias generales",
        "генеральные лицензии",
        "通用许可",
        "التراخيص العامة",
    )),
    ("export", "LIC-EXCEPTIONS", "export-control,licensing", (
        "exceptions from licensing",
        "exemptions de licence",
        "excepciones a la obligación de licencia",
        "исключения из лицензирования",
        "许可豁免",
        "الاستثناءات من الترخيص",
    )),
    ("export", "CONTROL-LIST", "export-control,control-lists", (
        "national control list",
        "liste nationale de contrôle",
        "lista nacional de control",
        "национальный контрольный список",
        "国家管制清单",
        "القائمة الوطنية للمواد الخاضعة للرقابة",
    )),
    ("export", "LIST-REGIMES", "control-lists,export-control-regimes", (
        "items of multilateral regime lists in the national list",
        "intégration des listes des régimes multilatéraux",
        "inclusión de las listas de los regímenes multilaterales",
        "включение списков многосторонних режимов",
        "纳入多边机制清单所列物项",
        "إدراج أصناف قوائم النظم المتعددة الأطراف",
    )),
    ("export", "TECHNOLOGY", "technology-transfer,export-control", (
        "control of technology transfers",
        "contrôle des transferts de technologie",
        "control de las transferencias de tecnología",
        "контроль за передачей технологий",
        "技术转让管制",
        "الرقابة على نقل التكنولوجيا",
    )),
    ("export", "INTANGIBLE", "technology-transfer,export-control", (
        "control of intangible transfers",
        "contrôle des transferts immatériels",
        "control de las transferencias intangibles",
        "контроль за нематериальными передачами",
        "无形转让管制",
        "الرقابة على عمليات النقل غير المادية",
    )),
    ("export", "END-USER", "end-user-controls,export-control", (
        "end-user controls",
        "contrôle de l'utilisateur final",
        "controles del usuario final",
        "контроль конечного пользователя",
        "最终用户管制",
        "الرقابة على المستخدم النهائي",
    )),
    ("export", "CATCH-ALL", "catch-all,export-control", (
        "catch-all controls",
        "clause attrape-tout",
        "controles generales (cláusula catch-all)",
        "всеобъемлющий контроль (catch-all)",
        "全面管制条款",
        "الضوابط الشاملة",
    )),
    ("export", "TRANSIT", "transit-transshipment", (
        "transit controls",
        "contrôle du transit",
        "control del tránsito",
        "контроль транзита",
        "过境管制",
        "الرقابة على العبور",
    )),
    ("export", "TRANSSHIPMENT", "transit-transshipment", (
        "trans-shipment controls",
        "contrôle du transbordement",
        "control del transbordo",
        "контроль перевалки",
        "转运管制",
        "الرقابة على إعادة الشحن",
    )),
    ("export", "REEXPORT", "re-export,export-control", (
        "re-export controls",
        "contrôle de la réexportation",
        "control de la reexportación",
        "контроль реэкспорта",
        "再出口管制",
        "الرقابة على إعادة التصدير",
    )),
    ("export", "FINANCING", "financing,related-services", (
        "controls on funds related to export and trans-shipment",
        "contrôle des fonds liés à l'exportation et au transbordement",
        "control de los fondos relacionados con la exportación y el transbordo",
        "контроль за финансированием экспорта и перевалки",
        "与出口和转运有关的资金管制",
        "الرقابة على الأموال المتصلة بالتصدير وإعادة الشحن",
    )),
    ("export", "SERVICES", "related-services,transport", (
        "controls on transport and other services related to export",
        "contrôle du transport et des autres services liés à l'exportation",
        "control del transporte y otros servicios relacionados con la exportación",
        "контроль за транспортными и иными услугами, связанными с экспортом",
        "与出口有关的运输及其他服务管制",
        "الرقابة على النقل والخدمات الأخرى المتصلة بالتصدير",
    )),
    ("export", "IMPORT", "import-control", (
        "import controls",
        "contrôle des importations",
        "control de las importaciones",
        "контроль импорта",
        "进口管制",
        "الرقابة على الواردات",
    )),
    ("export", "EXTRATERRITORIAL", "extraterritoriality,export-control", (
        "extraterritorial application of controls",
        "application extraterritoriale des contrôles",
        "aplicación extraterritorial de los controles",
        "экстерриториальное применение контроля",
        "管制的域外适用",
        "تطبيق الضوابط خارج الإقليم",
    )),
]

OP3CD_ENF_EXTRA_THEMES = "penalties"

# Headings of OP 2 / OP 3 blocks: heading key -> labels.
BLOCK_HEADINGS = {
    "op2.nuclear": WEAPONS["NW"][2],
    "op2.chemical": WEAPONS["CW"][2],
    "op2.biological": WEAPONS["BW"][2],
    "op2.delivery": WEAPONS["MD"][2],
    "op3ab.nuclear": WEAPONS["NW"][3],
    "op3ab.chemical": WEAPONS["CW"][3],
    "op3ab.biological": WEAPONS["BW"][3],
    "op3ab.delivery": WEAPONS["MD"][3],
}

OP3CD_GROUP_LABELS = {
    "border": (
        "{d} — border controls and law enforcement",
        "{d} — contrôles aux frontières et répression",
        "{d} — controles fronterizos y aplicación de la ley",
        "{d} — пограничный контроль и правоприменение",
        "{d}——边境管制和执法",
        "{d} — الضوابط الحدودية وإنفاذ القانون",
    ),
    "export": (
        "{d} — export and trans-shipment controls",
        "{d} — contrôle des exportations et du transbordement",
        "{d} — controles de exportación y transbordo",
        "{d} — экспортный контроль и контроль перевалки",
        "{d}——出口和转运管制",
        "{d} — ضوابط التصدير وإعادة الشحن",
    ),
}

OP3CD_DOMAINS = {
    "NW": ("Nuclear", "Domaine nucléaire", "Ámbito nuclear", "Ядерная сфера", "核领域", "المجال النووي"),
    "CW": ("Chemical", "Domaine chimique", "Ámbito químico", "Химическая сфера", "化学领域", "المجال الكيميائي"),
    "BW": ("Biological", "Domaine biologique", "Ámbito biológico", "Биологическая сфера", "生物领域", "المجال البيولوجي"),
    "MD": ("Means of delivery", "Vecteurs", "Sistemas vectores", "Средства доставки", "运载工具", "وسائل الإيصال"),
}

# Template v2 adds means of delivery to OP 3: the resolution's OP 3 covers
# "related materials", which its definitions extend to means of delivery.
# Only the OP 3 (a)(b) rows common to all three weapon types apply to them.
OP3_TYPES = {1: ALL3, 2: ALL3 + ("MD",)}

# v2/notes.tsv: what the Committee's blank form prints beside a row, shown
# with the row. id -> labels. Source: the blank form (data/template/README.md).
NOTES_V2 = [
    ("OP1-CTBT", (
        "not in force",
        "pas encore en vigueur",
        "aún no ha entrado en vigor",
        "не вступил в силу",
        "尚未生效",
        "لم تدخل حيز النفاذ بعد",
    )),
]


def join_themes(*parts):
    """Merge comma-separated theme lists, keeping first-seen order, no dups."""
    seen = []
    for part in parts:
        for tag in part.split(",") if part else []:
            if tag and tag not in seen:
                seen.append(tag)
    return ",".join(seen)


def compose(column_labels, weapon_labels, row_labels):
    return tuple(column_labels[i].format(w=weapon_labels[i], r=row_labels[i])
                 for i in range(len(LANGS)))


def build(version=1):
    """Return (headings, items) of a template version: headings as
    (key, section, labels), items as (id, section, heading, weapon, themes,
    labels), in display order."""
    op3 = OP3_TYPES[version]
    headings = []
    items = []

    for key, hlabels, rows in OP1:
        headings.append((key, "OP1", hlabels))
        for item_id, weapon, themes, labels in rows:
            items.append((item_id, "OP1", key, weapon, themes, labels))

    for code in OP2_BLOCKS:
        weapon, suffix, wlabels, _ = WEAPONS[code]
        key = "op2." + suffix
        headings.append((key, "OP2", BLOCK_HEADINGS[key]))
        for act_id, act_themes, act_labels in OP2_ACTIVITIES:
            for col_id, col_theme, col_labels in COLUMNS:
                extra = OP2_ENF_EXTRA_THEMES if col_id == "ENF" else ""
                items.append((
                    "OP2-%s-%s-%s" % (code, act_id, col_id), "OP2", key, weapon,
                    join_themes(col_theme, extra, act_themes),
                    compose(col_labels["OP2"], wlabels, act_labels)))

    for code in op3:
        weapon, suffix, _, wlabels = WEAPONS[code]
        key = "op3ab." + suffix
        headings.append((key, "OP3AB", BLOCK_HEADINGS[key]))
        for row_id, row_themes, row_labels, applies in OP3AB_ROWS:
            if code not in applies and not (code == "MD" and applies == ALL3):
                continue
            for col_id, col_theme, col_labels in COLUMNS:
                items.append((
                    "OP3AB-%s-%s-%s" % (code, row_id, col_id), "OP3AB", key, weapon,
                    join_themes(col_theme, row_themes),
                    compose(col_labels["OP3"], wlabels, row_labels)))

    for code in op3:
        weapon, suffix, _, wlabels = WEAPONS[code]
        for group in ("border", "export"):
            key = "op3cd.%s.%s" % (suffix, group)
            hl = tuple(OP3CD_GROUP_LABELS[group][i].format(d=OP3CD_DOMAINS[code][i])
                       for i in range(len(LANGS)))
            headings.append((key, "OP3CD", hl))
            for row_group, row_id, row_themes, row_labels in OP3CD_ROWS:
                if row_group != group:
                    continue
                for col_id, col_theme, col_labels in COLUMNS:
                    extra = OP3CD_ENF_EXTRA_THEMES if col_id == "ENF" else ""
                    items.append((
                        "OP3CD-%s-%s-%s" % (code, row_id, col_id), "OP3CD", key, weapon,
                        join_themes(col_theme, extra, row_themes),
                        compose(col_labels["OP3"], wlabels, row_labels)))

    if version >= 2:
        headings = [(k, sec, strip_ar_marks(l)) for k, sec, l in headings]
        items = [it[:5] + (strip_ar_marks(it[5]),) for it in items]
    return headings, items


ARABIC_VOWEL_MARKS = re.compile("[\u064B-\u0652\u0670]")


def strip_ar_marks(labels):
    """UN Arabic texts carry no vowel marks (issue 12); v1 keeps its bytes."""
    return tuple(ARABIC_VOWEL_MARKS.sub("", l) if i == LANGS.index("ar") else l
                 for i, l in enumerate(labels))


def validate(headings, items, max_items=400):
    """Raise ValueError on any rule the brief and README set for the files."""
    errors = []
    section_keys = [k for k, _ in SECTIONS]
    theme_keys = [k for k, _ in THEMES]
    heading_keys = [h[0] for h in headings]
    if len(set(heading_keys)) != len(heading_keys):
        errors.append("duplicate heading key")
    seen = set()
    used_themes = set()
    last_heading = None
    closed = set()
    for item_id, section, heading, weapon, themes, labels in items:
        if not ID_RE.match(item_id):
            errors.append("bad id %r" % item_id)
        if item_id in seen:
            errors.append("duplicate id %r" % item_id)
        seen.add(item_id)
        if section not in section_keys:
            errors.append("%s: bad section %r" % (item_id, section))
        if heading not in heading_keys:
            errors.append("%s: undefined heading %r" % (item_id, heading))
        if heading != last_heading:
            if heading in closed:
                errors.append("%s: heading %r is not contiguous" % (item_id, heading))
            if last_heading is not None:
                closed.add(last_heading)
            last_heading = heading
        if weapon not in ("nuclear", "chemical", "biological", "delivery", "-"):
            errors.append("%s: bad weapon %r" % (item_id, weapon))
        tags = themes.split(",")
        if not themes or any(t not in theme_keys for t in tags):
            errors.append("%s: bad themes %r" % (item_id, themes))
        used_themes.update(tags)
        if len(labels) != len(LANGS) or any(not s or "\t" in s or "\n" in s for s in labels):
            errors.append("%s: bad labels" % item_id)
        if len(labels[0]) > MAX_EN_LABEL:
            errors.append("%s: English label longer than %d" % (item_id, MAX_EN_LABEL))
        if any(len(s) > MAX_OTHER_LABEL for s in labels[1:]):
            errors.append("%s: a translated label is longer than %d" % (item_id, MAX_OTHER_LABEL))
    for key, section, _ in headings:
        if not KEY_RE.match(key) or section not in section_keys:
            errors.append("bad heading %r" % key)
    order = [h[0] for h in headings]
    first_seen = []
    for it in items:
        if it[2] not in first_seen:
            first_seen.append(it[2])
    if first_seen != order:
        errors.append("headings.tsv order differs from item order")
    unused = set(theme_keys) - used_themes
    if unused:
        errors.append("themes defined but unused: %s" % ", ".join(sorted(unused)))
    if not 300 <= len(items) <= max_items:
        errors.append("item count %d outside 300..%d" % (len(items), max_items))
    if errors:
        raise ValueError("\n".join(errors))


HEADER_COMMON = [
    "# UTF-8, TAB-separated; '#' lines are comments; the first other line is the header row.",
    "# GENERATED by data/template/tools/gen_template.py -- edit the script, not this file.",
]


def render(comment, header, rows):
    out = list(comment) + HEADER_COMMON + ["\t".join(header)]
    for row in rows:
        for field in row:
            if not field or "\t" in field or "\n" in field:
                raise ValueError("bad field %r in row %r" % (field, row[0]))
        out.append("\t".join(row))
    return "\n".join(out) + "\n"


def crosswalk(v1_items, v2_items):
    """The rows of v2/from-v1.tsv: every v1 id, the v2 id it is carried to and
    the relation (same: the entry is copied unchanged). A v1 id that v2
    retired would be written with v2_id '-' and relation 'retired'."""
    v2_ids = {it[0] for it in v2_items}
    rows = []
    for it in v1_items:
        if it[0] in v2_ids:
            rows.append((it[0], it[0], "same"))
        else:
            rows.append((it[0], "-", "retired"))
    return rows


def outputs():
    headings, items = build()
    validate(headings, items)
    headings2, items2 = build(2)
    validate(headings2, items2, 500)
    files = {}
    files["sections.tsv"] = render(
        ["# Sections of the 1540 Committee matrix, in display order (r1540 template, all versions)."],
        ("key",) + LANGS,
        [(k,) + tuple(v) for k, v in SECTIONS])
    files["themes.tsv"] = render(
        ["# Controlled list of theme tags carried by template items (column 'themes' of vN/items.tsv).",
         "# Used to match assistance requests and offers to matrix fields; keys are stable."],
        ("key",) + LANGS,
        [(k,) + tuple(v) for k, v in THEMES])
    files["v1/headings.tsv"] = render(
        ["# Sub-tables (headings) of 1540 matrix template v1, in display order."],
        ("key", "section") + LANGS,
        [(k, s) + tuple(v) for k, s, v in headings])
    files["v1/items.tsv"] = render(
        ["# 1540 matrix template v1: one row per data field the Committee marks (X, ?, NA or blank),",
         "# in display order. %d items. Structure and sources: data/template/README.md." % len(items)],
        ("id", "section", "heading", "weapon", "themes") + LANGS,
        [(i, s, h, w, t) + tuple(l) for i, s, h, w, t, l in items])
    files["v2/headings.tsv"] = render(
        ["# Sub-tables (headings) of 1540 matrix template v2, in display order."],
        ("key", "section") + LANGS,
        [(k, s) + tuple(v) for k, s, v in headings2])
    files["v2/items.tsv"] = render(
        ["# 1540 matrix template v2: one row per data field the Committee marks (X, ?, NA or blank),",
         "# in display order. %d items. Structure and sources: data/template/README.md." % len(items2)],
        ("id", "section", "heading", "weapon", "themes") + LANGS,
        [(i, s, h, w, t) + tuple(l) for i, s, h, w, t, l in items2])
    files["v2/notes.tsv"] = render(
        ["# Notes of template v2 that the Committee's form prints beside a row; shown with the row.",
         "# Source: the blank form 'Approved 1540 Committee matrix of [State]' (see README.md)."],
        ("id",) + LANGS,
        [(i,) + tuple(l) for i, l in NOTES_V2])
    files["v2/from-v1.tsv"] = render(
        ["# Crosswalk v1 -> v2: how `matrix new --template v2` carries each v1 entry across.",
         "# relation: same (copied unchanged) or retired (v2_id '-': not carried, listed)."],
        ("v1_id", "v2_id", "relation"),
        crosswalk(items, items2))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 with a diff if committed files differ")
    ap.add_argument("--root", default=ROOT, help="data/template directory (default: %(default)s)")
    args = ap.parse_args()
    try:
        files = outputs()
    except ValueError as e:
        print("gen_template: invalid template:\n" + str(e), file=sys.stderr)
        return 2
    status = 0
    for rel in sorted(files):
        path = os.path.join(args.root, rel)
        want = files[rel]
        if args.check:
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    have = f.read()
            except FileNotFoundError:
                have = ""
            if have != want:
                status = 1
                sys.stdout.writelines(difflib.unified_diff(
                    have.splitlines(True), want.splitlines(True),
                    "a/" + rel, "b/" + rel))
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(want)
    return status


if __name__ == "__main__":
    sys.exit(main())
