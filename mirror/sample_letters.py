"""The letters of the shipped sample mirror. INVENTED SAMPLE CONTENT: the wording is ours, not the real letters'.

Senders and recipients who held public roles (the Director General for Regulation, the National Statistician,
the Authority's Chair) are named so that role-and-date resolution can be exercised; department officials and MPs
are invented. Threads and commitments are described in mirror/THREADS.md and MANIFEST.json.
"""
from __future__ import annotations

from mirror.templates import Letter

O = "https://osr.statisticsauthority.gov.uk"
U = "https://uksa.statisticsauthority.gov.uk"
N = "https://www.ons.gov.uk"
A = "https://analysisfunction.civilservice.gov.uk"
W = "https://www.statisticsauthority.gov.uk"
G = "https://gss.civilservice.gov.uk"

ONS = ("Office for National Statistics", "office-for-national-statistics")
DFE = ("Department for Education", "department-for-education")
HMRC = ("HM Revenue and Customs", "hm-revenue-and-customs")
HO = ("Home Office", "home-office")
DHSC = ("Department of Health and Social Care", "department-of-health-and-social-care")
DFT = ("Department for Transport", "department-for-transport")
WG = ("Welsh Government", "welsh-government")
BEIS = ("Department for Business, Energy and Industrial Strategy", "department-for-business-energy-and-industrial-strategy")
HMLR = ("HM Land Registry", "hm-land-registry")
MOJ = ("Ministry of Justice", "ministry-of-justice")
HOC = ("House of Commons", "house-of-commons")
HMT = ("HM Treasury", "hm-treasury")

EH, EH_ROLE = "Ed Humpherson", "Director General for Regulation"
MP_, MP_ROLE = "Mark Pont", "Deputy Director for Regulation"
ID_ = "Professor Sir Ian Diamond"

# ---- the data linkage thread (T1) -------------------------------------------------------------------
L01 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-sir-ian-diamond-data-linkage/", post_id=30112,
    title="Ed Humpherson to Sir Ian Diamond: Data linkage across government", date="2020-01-16",
    lastmod="2020-03-04T11:20:00Z",
    fromto="Ed Humpherson, Office for Statistics Regulation to Sir Ian Diamond, UK Statistics Authority",
    orgs=[ONS], theme="Population and Society", salutation="Dear Ian,",
    summary="Ed Humpherson asks the National Statistician how ONS will coordinate data linkage across government.",
    body=[
        f"I am writing to follow up our <a href=\"{O}/publication/joining-up-data-for-better-statistics/\">Joining Up "
        "Data for Better Statistics</a> report, published in September 2018, and our conversation at the Authority "
        "Board on 9 January.",
        "Linking administrative datasets remains one of the biggest opportunities for official statistics. Since our "
        "report we have seen welcome progress – more linked datasets are available to accredited researchers than "
        "ever before – but the picture across government remains patchy, and researchers still tell us that gaining "
        "access can take many months.",
        "We would like to understand how ONS, as the leader of the Government Statistical Service, intends to "
        "coordinate data linkage across departments. In particular, it would help us to know:",
        ("ul", ["how the recommendations of our report will be taken forward;",
                "which datasets ONS will prioritise for linkage in 2020 and 2021; and",
                "how progress will be reported to users."]),
        "We expect ONS to set out a cross-government programme for data linkage, with clear milestones, during "
        "2020. Please let us know by 31&nbsp;March 2020 how you intend to respond.",
    ],
    copy_line="I am copying this letter to Claire Hughes, Director of Data Linkage, Office for National Statistics.",
    signer=EH, role=EH_ROLE,
    related=[("Joining Up Data for Better Statistics (September 2018)",
              f"{O}/publication/joining-up-data-for-better-statistics/"),
             ("Sir Ian Diamond to Ed Humpherson: Data linkage (March 2020)",
              f"{G}/policy-store/national-statistician-reply-on-data-linkage/")],
)

L02 = Letter(
    url=f"{A}/policy-store/national-statistician-reply-on-data-linkage/", template="af",
    title="National Statistician’s reply to the Office for Statistics Regulation on data linkage", date="2020-03-02",
    fromto="Sir Ian Diamond, National Statistician to Ed Humpherson, Office for Statistics Regulation",
    salutation="Dear Ed,",
    body=[
        "Thank you for your letter of 16 January about data linkage across government, and for the constructive "
        "discussions our teams have had since.",
        "I agree that joining up data is central to the future of official statistics. The recommendations of your "
        "Joining Up Data for Better Statistics report have shaped our thinking, and I am pleased to set out our plans.",
        ("ol", ["We will publish a Data Linkage Work Programme for the Government Statistical Service by the end of "
                "June 2020.",
                "We will establish a cross-government Data Linkage Steering Group, which will meet for the first "
                "time in April 2020.",
                "We will report on progress against the programme every six months."]),
        "We are also exploring a common approach to linkage methods with ADR UK, and we intend to hold a conference "
        "for analysts working with linked data later in 2020.",
        "My team would welcome the chance to discuss a draft of the programme with yours in May.",
    ],
    signoff="Yours sincerely", signer=ID_, role="National Statistician",
    related_heading="Related links:",
    related=[("Ed Humpherson to Sir Ian Diamond: Data linkage across government (January 2020)", L01.url)],
)

L03 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-sir-ian-diamond-data-linkage-2/", post_id=31055,
    title="Ed Humpherson to Sir Ian Diamond: Data linkage follow-up", date="2020-10-14",
    lastmod="2020-11-23T09:05:00Z",
    fromto="Ed Humpherson, Office for Statistics Regulation to Sir Ian Diamond, UK Statistics Authority",
    orgs=[ONS], theme="Population and Society", salutation="Dear Ian,",
    body=[
        "Thank you for your letter of 2 March setting out ONS’s plans for data linkage across government, and for "
        "the update your team gave us in September.",
        "Your letter committed to publishing a Data Linkage Work Programme by the end of June 2020. We understand "
        "that the pandemic has placed extraordinary demands on ONS and that the programme has been delayed; your "
        "team told us that publication is now planned for the autumn.",
        "We welcome the establishment of the Data Linkage Steering Group and the progress made on linking census "
        "and administrative data. However, users continue to tell us that they cannot see what is planned, or when.",
        "We would ask ONS to confirm a revised date for the work programme and, in the meantime, to publish a short "
        "statement on progress. Please let us know by 30 November 2020 when the programme will be published.",
    ],
    embed=(L01.title, L01.url),
    copy_line="I am copying this letter to Claire Hughes, Director of Data Linkage, ONS.",
    signer=EH, role=EH_ROLE,
    related=[("Ed Humpherson to Sir Ian Diamond: Data linkage across government (January 2020)",
              L01.url.rstrip("/")),
             ("National Statistician’s reply on data linkage (March 2020)", L02.url),
             ("Response from Sir Ian Diamond (November 2020)",
              f"{N}/news/statementsandletters/responsetotheofficeforstatisticsregulationondatalinkage")],
)

L04 = Letter(
    url=f"{N}/news/statementsandletters/responsetotheofficeforstatisticsregulationondatalinkage", template="ons",
    title="Response to the Office for Statistics Regulation on data linkage", date="2020-11-20",
    doc_type="statement",
    fromto="Sir Ian Diamond, Office for National Statistics to Ed Humpherson, Office for Statistics Regulation",
    salutation="Dear Ed",
    body=[
        "Thank you for your letter of 14 October about the Data Linkage Work Programme.",
        "I recognise that the programme has taken longer than we planned in March. The pandemic required us to "
        "redirect much of our linkage capacity to the COVID-19 Infection Survey and to new analyses of deaths by "
        "ethnicity and occupation, which drew heavily on linked data.",
        "We will now publish the Data Linkage Work Programme by the end of March 2021. In the meantime we have today "
        "published a short progress statement, and we will brief the Steering Group in January.",
        "We will share a draft of the programme with your team in February 2021, and I would welcome your "
        "comments on it.",
    ],
    signoff="Best wishes,", signer="Sir Ian Diamond", role="National Statistician",
    related=[("Ed Humpherson to Sir Ian Diamond: Data linkage follow-up (October 2020)", L03.url)],
)

L05 = Letter(
    url=f"{A}/policy-store/data-linkage-work-programme/", template="af", doc_type="work_programme",
    title="Data Linkage Work Programme", date="2021-03-23", signoff="",
    body=[
        ("h2", "Introduction"),
        "This work programme sets out how the Government Statistical Service (GSS) will link data across government "
        "between 2021 and 2023. It responds to the Office for Statistics Regulation’s Joining Up Data for Better "
        "Statistics report and meets the National Statistician’s commitment of March 2020 to publish a programme.",
        ("h2", "Priorities"),
        ("ol", ["Link census and administrative data on income, employment and benefits.",
                "Build a common linkage spine that departments can reuse.",
                "Publish linkage quality information alongside every linked output."]),
        ("h2", "Milestones"),
        ("ul", ["April 2021: the Data Linkage Steering Group agrees the delivery plan.",
                "By December 2021: linked census and benefits data available to accredited researchers.",
                "During 2022: the common linkage spine in use by at least three departments.",
                "By March 2023: a final report on the programme."]),
        "We will review this programme each year and publish the first annual update by the end of April 2022.",
    ],
    related_heading="Related links",
    related=[("National Statistician’s reply on data linkage (March 2020)", L02.url)],
)

L06 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-sir-ian-diamond-publication-of-the-data-linkage-work-programme/",
    post_id=32410, title="Ed Humpherson to Sir Ian Diamond: Publication of the Data Linkage Work Programme",
    date="2021-04-12", orgs=[ONS], theme="Population and Society",
    fromto="Ed Humpherson, Office for Statistics Regulation to Sir Ian Diamond, UK Statistics Authority",
    salutation="Dear Ian,",
    body=[
        "Thank you for your letter of 20 November, and for publishing the Data Linkage Work Programme on 23 March. "
        "The programme meets the commitment in your letter of 2 March 2020, albeit nine months later than first "
        "planned.",
        "The programme is a clear and welcome statement of ambition. We particularly welcome the commitment to "
        "publish linkage quality information alongside every linked output, which responds directly to the "
        "recommendations in our report.",
        "We will review progress against the programme’s milestones in our review of data sharing and linkage, which "
        "we plan to publish in the summer of 2022.",
        "We expect ONS to publish the first annual update to the programme by the end of April 2022, as the "
        "programme itself says.",
    ],
    signer=EH, role=EH_ROLE,
    related=[("Ed Humpherson to Sir Ian Diamond: Data linkage follow-up (October 2020)", L03.url),
             ("Response from Sir Ian Diamond (November 2020)", L04.url),
             ("Data Linkage Work Programme (March 2021)", L05.url)],
)

# ---- a request answered late (T2) --------------------------------------------------------------------
L07 = Letter(
    url=f"{O}/correspondence/mark-pont-to-helen-carter-school-workforce-statistics/", template="osr2017",
    post_id=27120, title="Mark Pont to Helen Carter: School workforce statistics", date="2019-07-02",
    lastmod="2019-12-13T10:00:00Z", theme="Children, Education and Skills", orgs=[DFE],
    fromto="Mark Pont, Office for Statistics Regulation to Helen Carter, Department for Education",
    lead="Mark Pont, Assessment Programme Lead, Office for Statistics Regulation writes to Helen Carter, Head of "
         "Profession for Statistics, Department for Education.",
    salutation="Dear Helen,",
    body=[
        "I am writing about the School Workforce in England statistics, following our review of their quality and "
        "presentation. I would like to thank your team for their openness during the review.",
        "We found that users value the statistics highly, but we have three concerns:",
        ("ol", ["the release does not explain the effect of the 2018 change in data collection on the teacher "
                "vacancy figures;",
                "the commentary on pupil–teacher ratios does not reflect the uncertainty in the estimates; and",
                "users cannot easily find the underlying data tables."]),
        "Please let us know by 30&nbsp;September 2019 how you intend to address these points. We expect the "
        "department to make the changes in time for the next release in June 2020.",
    ],
    signer=MP_, role="Assessment Programme Lead",
    related_heading="Related links:",
    related=[("Response from Helen Carter to Mark Pont (December 2019)",
              f"{O}/correspondence/response-from-helen-carter-to-mark-pont-school-workforce-statistics/")],
)

L08 = Letter(
    url=f"{O}/correspondence/response-from-helen-carter-to-mark-pont-school-workforce-statistics/",
    template="osr2017", post_id=28804, title="Response from Helen Carter to Mark Pont: School workforce statistics",
    date="2019-12-12", theme="Children, Education and Skills", orgs=[DFE],
    fromto="Helen Carter, Department for Education to Mark Pont, Office for Statistics Regulation",
    salutation="Dear Mark,",
    body=[
        "Thank you for your letter of 2 July about the School Workforce in England statistics. I am sorry that this "
        "reply comes later than you asked.",
        "We accept your findings. We will add an explanation of the 2018 collection change to the next release, and "
        "we will publish the underlying data in an open format from June 2020.",
        "On pupil–teacher ratios, we plan to consult users in the spring of 2020 before changing the presentation.",
    ],
    signer="Helen Carter", role="Head of Profession for Statistics, Department for Education",
    related_heading="Related links:",
    related=[("Mark Pont to Helen Carter: School workforce statistics (July 2019)",
              f"{W}/correspondence/mark-pont-to-helen-carter-school-workforce-statistics/")],
)

# ---- crime statistics (T3, through an old URL with a changed slug) -----------------------------------------
L09 = Letter(
    url=f"{O}/correspondence/crime-statistics-4/", template="osr2017", post_id=24377, link_without_slash=True,
    title="Crime statistics", date="2018-05-10", theme="Crime and Security", orgs=[ONS, HO, MOJ],
    fromto="Ed Humpherson, Office for Statistics Regulation to Iain Marsh, Office for National Statistics",
    lead="Ed Humpherson, Director General for Regulation, Office for Statistics Regulation writes to Iain Marsh, "
         "Office for National Statistics, Paul Ridley, Home Office and Siobhan Kerr, Ministry of Justice.",
    salutation="Dear Iain, Paul, Siobhan",
    body=[
        "I am writing following our assessment of the Crime Survey for England and Wales and police recorded crime "
        "statistics, published as Assessment&nbsp;Report 330 in January 2017.",
        "The report confirmed the National Statistics status of the Crime Survey estimates but found that police "
        "recorded crime data still did not meet the standard required. We asked for a joint programme of work "
        "between your three organisations, and I am grateful for the progress you have made.",
        "We are pleased that you have agreed to publish a joint statement on the coherence of crime statistics by the "
        "end of September 2018. We recommend that the statement explains, in plain terms, which source users should "
        "rely on for trends in violent crime.",
        "We will continue to monitor progress and will write again once the statement is published.",
    ],
    signer=EH, role=EH_ROLE,
)

L10 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-paul-ridley-police-recorded-crime-statistics/", post_id=26390,
    title="Ed Humpherson to Paul Ridley: Police recorded crime statistics", date="2019-06-20",
    theme="Crime and Security", orgs=[HO],
    fromto="Ed Humpherson, Office for Statistics Regulation to Paul Ridley, Home Office", salutation="Dear Paul,",
    body=[
        "Further to my letter of 10 May 2018, I am writing about the joint statement on the coherence of crime "
        "statistics that the Home Office and ONS published in October 2018.",
        "The statement is helpful, and it was published only a few weeks after the date agreed. We would now like "
        "to see the Home Office complete its audit of crime recording practice in the remaining police forces.",
        "We expect the Home Office to publish the results of the audit by the end of 2019, and we will review the "
        "designation of police recorded crime statistics once it has done so.",
    ],
    signer=EH, role=EH_ROLE,
    related=[("Crime statistics (May 2018)", f"{W}/correspondence/crime-statistics-letter/")],
)

# ---- letters with messy metadata and sign-offs ---------------------------------------------------------
L11 = Letter(
    url=f"{O}/correspondence/31379/", post_id=31379,
    title="Letter to the Department of Health and Social Care on vaccination data", date="2021-02-03",
    theme="Health and Social Care", orgs=[DHSC],
    fromto="Ed Humpherson, Office for Statistics Regulation to Dr Mark Ellison, Department of Health and Social Care",
    salutation="Dear Dr Ellison,",
    body=[
        "I am writing about the data on COVID-19 vaccinations published by the department and by the NHS in England.",
        "Vaccination figures are among the most closely watched statistics in the country, and it is essential that "
        "they are published in an orderly way, with clear explanations. We have seen figures quoted in public before "
        "they were available to everyone.",
        "We expect the department to:",
        ("ul", ["publish any figure used publicly at the same time as it is used, in line with the Code of "
                "Practice’s standards on equality of access;",
                "set out a timetable for daily and weekly publications; and",
                "explain how the figures relate to those published by the devolved administrations."]),
        "We will review the weekly publication again in the spring and would be happy to support your team in the "
        "meantime.",
    ],
    signer=EH,  # no role line
)

L12 = Letter(
    url=f"{O}/correspondence/mark-pont-to-richard-alwyn-energy-trends/", post_id=30744,
    title="Mark Pont to Richard Alwyn: Energy trends", date="2020-06-09",
    theme="Agriculture, Energy and Environment", orgs=[BEIS],
    fromto=" to",  # the real sites sometimes show an empty from/to line
    salutation="Dear Richard",
    body=[
        "Thank you for meeting us last month to discuss Energy Trends and the changes your team has made to it.",
        "We welcome the department’s plan to publish a new quarterly table on renewable heat by the end of 2020, "
        "and we look forward to seeing the revised methods note in early 2021.",
        "",
        "We would encourage the team to tell users about these plans now, through the release itself.",
    ],
    signoff="Your sincerely", signer=MP_, role=MP_ROLE,
)

L13 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-daniel-frost-personal-tax-statistics/", post_id=30902,
    title="Ed Humpherson to Daniel Frost: Personal tax statistics", date="2020-09-22",
    lastmod="2020-10-30T10:00:00Z", theme="Economy", orgs=[HMRC],
    fromto="Ed Humpherson to Daniel Frost, HM Revenue and Customs",  # the sender's organisation is missing
    salutation="Dear Daniel,",
    body=[
        "I am writing to thank you and your team for the improvements to the Personal Income statistics since our "
        "compliance check last year.",
        "Your team has now published the revised distribution tables and a note on the effect of the pandemic on the "
        "2020–21 estimates. We consider the points in our letter of 11 November 2019 to be addressed.",
        "We would be grateful if HMRC could publish a development plan for its personal tax statistics by the end of "
        "this financial year.",
    ],
    signer=EH, role=EH_ROLE,
    related=[("Response from Daniel Frost to Ed Humpherson (October 2020)",
              f"{O}/correspondence/response-from-daniel-frost-to-ed-humpherson-personal-tax-statistics/")],
)

L14 = Letter(
    url=f"{O}/correspondence/response-from-daniel-frost-to-ed-humpherson-personal-tax-statistics/", post_id=31102,
    title="Response from Daniel Frost to Ed Humpherson: Personal tax statistics", date="2020-10-29",
    theme="Economy", orgs=[HMRC],
    fromto="Daniel Frost, HM Revenue and Customs to Ed Humpherson, Office for Statistics Regulation",
    salutation="Dear Mr Humpherson,",
    body=[
        "Thank you for your letter of 22 September.",
        "I am glad that the changes we have made are helpful to users. We will publish a development plan for our "
        "personal tax statistics by the end of March 2021, and we will consult users on it over the winter.",
    ],
    signer="Daniel Frost", role="Head of Profession for Statistics, HM Revenue and Customs",
    related=[("Ed Humpherson to Daniel Frost: Personal tax statistics (September 2020)", L13.url)],
)

L15 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-john-pullinger-statistical-capability/", template="osr2017",
    post_id=25801, title="Ed Humpherson to John Pullinger: Statistical capability in government", date="2019-02-14",
    theme="Economy", orgs=[ONS],
    fromto="Ed Humpherson, Office for Statistics Regulation to John Pullinger, UK Statistics Authority",
    lead="Ed Humpherson, Director General for Regulation, Office for Statistics Regulation writes to John "
         "Pullinger, National Statistician, UK Statistics Authority.",
    salutation="Dear John,",
    body=[
        "Thank you for your letter of 16 January setting out the Government Statistical Service’s response to our "
        "systemic review of statistical capability.",
        "We welcome the proposal for a conference later in 2019 bringing together heads of profession and analytical "
        "leaders to share good practice. We also note your commitment to publish a GSS capability strategy by the "
        "summer.",
        "We recommend that the strategy:",
        ("ul", ["sets measurable goals for analytical skills in each department;",
                "explains how smaller producers will be supported; and",
                "is reviewed publicly each year."]),
        "We will report on progress in our annual review of the statistical system in July 2019.",
    ],
    signer=EH, role=EH_ROLE,
)

L16 = Letter(
    url=f"{O}/correspondence/mark-pont-to-alan-baird-migration-statistics/", post_id=30240,
    title="Mark Pont to Alan Baird: Migration statistics", date="2020-02-20", lastmod="2020-03-05T14:30:00Z",
    theme="Population and Society", orgs=[HO],
    fromto="Mark Pont, Office for Statistics Regulation to Alan Baird, Home Office",
    update_note="Updated on 5 March 2020 to add the annex",
    salutation="Dear Alan,",
    body=[
        "I am writing about the Home Office’s immigration statistics and how they fit with ONS’s estimates of "
        "migration. This follows the concerns first raised in the Authority’s letter of March 2013.",
        "The annex to this letter sets out our detailed findings. In summary, we ask the Home Office to:",
        ("ol", ["publish a statement on the relationship between visa data and ONS’s long-term international "
                "migration estimates by June 2020;",
                "work with ONS on a joint user event in the autumn; and",
                "review the presentation of the quarterly release by the end of 2020."]),
        "I would be happy to discuss these points with you.",
    ],
    attachments=[("Annex: detailed findings on migration statistics (Word document)",
                  f"{O}/wp-content/uploads/2020/03/Annex_Migration_statistics_findings.docx")],
    signer=MP_, role=MP_ROLE,
    related=[("Letter from the Head of Assessment to the National Statistician, March 2013",
              f"{W}/archive/reports---correspondence/correspondence/"
              "letter-from-head-of-assessment-to-national-statistician-130313.html")],
)

L17 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-fiona-grant-uk-house-price-index/", post_id=32801,
    title="Ed Humpherson to Fiona Grant: UK House Price Index", date="2021-06-24",
    theme="Housing, Planning and Local Services", orgs=[HMLR, ONS],
    fromto="Ed Humpherson, Office for Statistics Regulation to Fiona Grant, HM Land Registry",
    salutation="Dear Fiona",
    body=[
        "Thank you for your letter of 27 May, and for the helpful conversation with your team last week.",
        "I am pleased that HM Land Registry and ONS intend to publish a joint development plan for the UK House Price "
        "Index in the second half of 2021. We would encourage you to include the planned improvements to the "
        "coverage of new-build properties.",
    ],
    signoff="Yours ever,", signer=EH, role=EH_ROLE,
)

L18 = Letter(
    url=f"{O}/correspondence/mark-pont-to-keith-morris-road-safety-statistics-2/", post_id=29017,
    link_without_slash=True, title="Mark Pont to Keith Morris: Road safety statistics", date="2019-10-08",
    theme="Travel, Transport and Tourism", orgs=[DFT],
    fromto="Mark Pont, Office for Statistics Regulation to Keith Morris, Department for Transport",
    salutation="Dear Keith,",
    body=[
        "I am writing about the department’s statistics on reported road casualties, following the move by many "
        "police forces to injury-based reporting systems.",
        "The change improves the quality of the severity classification but breaks the time series. We expect the "
        "department to publish adjusted back-series by the end of March 2020, so that users can compare serious "
        "injuries over time.",
        "We would also like to see a clearer explanation of the change in the release itself.",
    ],
    signer=MP_, role=MP_ROLE,
)

L19 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-neil-cartwright-covid-19-surveillance-data/", post_id=30588,
    title="Ed Humpherson to Neil Cartwright: COVID-19 surveillance data", date="2020-05-14",
    theme="Health and Social Care", orgs=[DHSC],
    fromto="Ed Humpherson, Office for Statistics Regulation to Neil Cartwright, Public Health England",
    body=["Please find attached a letter from Ed Humpherson to Neil Cartwright about COVID-19 surveillance data."],
    signoff="",
    attachments=[("Ed Humpherson to Neil Cartwright: COVID-19 surveillance data (PDF, 48 KB)",
                  f"{O}/wp-content/uploads/2020/05/Ed-Humpherson-to-Neil-Cartwright-COVID-19-surveillance-data-1.pdf")],
)

L20 = Letter(
    url=f"{O}/correspondence/gender-pay-gap-statistics/", template="osr2017", post_id=23310, link_without_slash=True,
    title="Gender pay gap statistics", date="2018-03-01", theme="Labour Market and Welfare", orgs=[ONS],
    fromto="Ed Humpherson, Office for Statistics Regulation to Sarah Linton, Office for National Statistics",
    lead="Ed Humpherson, Director General for Regulation, Office for Statistics Regulation writes to Sarah Linton, "
         "Director of Labour Market Statistics, Office for National Statistics.",
    salutation="Dear Sarah,",
    body=[
        "I am writing about the presentation of the “gender pay gap” in ONS’s annual earnings release.",
        "ONS’s headline measure – the difference in median hourly earnings of full-time employees – is a "
        "reasonable choice, but it is one of several and users are not always clear why it was chosen.",
        "We recommend that ONS explains more prominently the different measures and what each shows. We would "
        "welcome an update on your plans by the end of June 2018.",
    ],
    signer=EH, role=EH_ROLE,
)

L21 = Letter(
    url=f"{O}/correspondence/consumer-price-statistics-3/", post_id=33570,
    title="Consumer price statistics", date="2022-01-19", theme="Economy", orgs=[ONS],
    # the from/to line names the wrong organisation: the letter is to ONS
    fromto="Mark Pont, Office for Statistics Regulation to Michael Hartley, HM Treasury",
    salutation="Dear Michael,",
    body=[
        "Thank you for your letter of 15 November 2021 about the development of the Household Costs Indices.",
        "We welcome the progress made. We expect ONS to publish the Household Costs Indices as official statistics "
        "in development by the end of 2022, as set out in your letter, and to explain how they relate to the "
        "Consumer Prices Index including owner occupiers’ housing costs.",
    ],
    signer=MP_, role=MP_ROLE,
)

L22 = Letter(
    url=f"{O}/correspondence/ed-humpherson-and-mark-pont-to-sarah-linton-labour-force-survey-reweighting/",
    post_id=32655, title="Ed Humpherson and Mark Pont to Sarah Linton: Labour Force Survey reweighting",
    date="2021-05-20", theme="Labour Market and Welfare", orgs=[ONS],
    fromto="Ed Humpherson and Mark Pont, Office for Statistics Regulation to Sarah Linton, Office for National "
           "Statistics",
    salutation="Dear Sarah,",
    body=[
        "We are writing about the reweighting of the Labour Force Survey using new population estimates.",
        "We support the reweighting, which corrects a growing bias in the estimates during the pandemic. We expect "
        "ONS to publish an article explaining the impact of the reweighting on the main labour market series in the "
        "second half of 2021.",
        "We would also ask ONS to keep users informed through its monthly labour market release.",
    ],
    signer=EH, role=EH_ROLE, cosigners=[(MP_, MP_ROLE)],
)

L23 = Letter(
    url=f"{O}/correspondence/ed-humpherson-to-sir-ian-diamond-census-2021-outputs/", post_id=32930,
    title="Ed Humpherson to Sir Ian Diamond: Census 2021 outputs", date="2021-07-07", lastmod="2021-08-17T09:00:00Z",
    theme="Population and Society", orgs=[ONS],
    fromto="Ed Humpherson, Office for Statistics Regulation to Sir Ian Diamond, UK Statistics Authority",
    salutation="Dear Sir Ian",
    body=[
        "I am writing about ONS’s plans for the outputs of Census 2021 in England and Wales.",
        "Our assessment found that the plans are well developed. We expect ONS to publish its outputs plan, together "
        "with information on the quality of the first results, in the second half of 2021.",
        "Please let us know by 30 September how ONS will explain to users the differences between census-based and "
        "administrative-based population estimates.",
    ],
    signer=EH, role=EH_ROLE,
    related=[("Response from Sir Ian Diamond: Census 2021 outputs (August 2021)",
              f"{N}/news/statementsandletters/responsetotheofficeforstatisticsregulationoncensus2021outputs")],
)

L24 = Letter(
    url=f"{N}/news/statementsandletters/responsetotheofficeforstatisticsregulationoncensus2021outputs",
    template="ons", doc_type="statement",
    title="Response to the Office for Statistics Regulation on Census 2021 outputs", date="2021-08-16",
    fromto="Sir Ian Diamond, Office for National Statistics to Ed Humpherson, Office for Statistics Regulation",
    salutation="Dear Ed,",
    body=[
        "Thank you for your letter of 7 July.",
        "We will publish the outputs plan and the quality information for the first results by the end of September "
        "2021, and the first results themselves in spring 2022.",
        "We will also publish an article comparing census-based and administrative-based population estimates "
        "alongside the first results.",
    ],
    signer="Sir Ian Diamond", role="National Statistician",
    related=[("Ed Humpherson to Sir Ian Diamond: Census 2021 outputs (July 2021)", L23.url)],
)

L25 = Letter(
    url=f"{O}/correspondence/response-from-sir-ian-diamond-to-ed-humpherson-economic-statistics-improvements/",
    template="osr2017", post_id=29240,
    title="Response from Sir Ian Diamond to Ed Humpherson: Economic statistics improvements", date="2019-11-27",
    theme="Economy", orgs=[ONS],
    fromto="Sir Ian Diamond, Office for National Statistics to Ed Humpherson, Office for Statistics Regulation",
    salutation="Dear Ed,",
    body=[
        "Thank you for your letter of 24 October about the improvements to economic statistics.",
        "We will publish an update on the Economic Statistics Transformation Programme by the end of March 2020, "
        "covering the new measures of household income and the improvements to trade statistics.",
        "We also intend to hold a user event on the national accounts in the first half of 2020.",
    ],
    signer=ID_, role="National Statistician",
)

L26 = Letter(
    url=f"{O}/correspondence/ed-humpherson-i-gwen-morgan-ystadegau-tai/", post_id=33801, lang="cy",
    title="Ed Humpherson i Gwen Morgan: Ystadegau tai", date="2022-03-09", lastmod="2022-04-22T10:00:00Z",
    theme="Housing, Planning and Local Services", orgs=[WG],
    fromto="Ed Humpherson, Office for Statistics Regulation to Gwen Morgan, Welsh Government",
    salutation="Annwyl Gwen,",
    body=[
        "Rwy’n ysgrifennu ynglŷn â’r ystadegau tai a gyhoeddir gan Lywodraeth Cymru, yn dilyn ein hadolygiad o’u "
        "cydymffurfiaeth â’r Cod Ymarfer ar gyfer Ystadegau.",
        "Hoffwn ddiolch i’ch tîm am eu gwaith. Mae’r ystadegau’n werthfawr i ddefnyddwyr ledled Cymru.",
        "Rydym yn disgwyl i Lywodraeth Cymru gyhoeddi cynllun datblygu ar gyfer yr ystadegau hyn erbyn diwedd mis "
        "Medi 2022.",
    ],
    copy_line="Rwy’n anfon copi o’r llythyr hwn at Owain Rees, Prif Ystadegydd, Llywodraeth Cymru.",
    signoff="Yn gywir,", signer=EH, role="Cyfarwyddwr Cyffredinol Rheoleiddio",
    related_heading="Dolenni cysylltiedig",
    related=[("Response from Owain Rees to Ed Humpherson: Housing statistics (April 2022)",
              f"{O}/correspondence/response-from-owain-rees-to-ed-humpherson-housing-statistics/")],
)

L27 = Letter(
    url=f"{O}/correspondence/response-from-owain-rees-to-ed-humpherson-housing-statistics/", post_id=33912,
    title="Response from Owain Rees to Ed Humpherson: Housing statistics", date="2022-04-21",
    theme="Housing, Planning and Local Services", orgs=[WG],
    fromto="Owain Rees, Welsh Government to Ed Humpherson, Office for Statistics Regulation",
    salutation="Dear Ed and team,",
    body=[
        "Thank you for your letter of 9 March about our housing statistics, and for writing to us in Welsh.",
        "We will publish the development plan by the end of September 2022, as you asked, and we will invite users "
        "to comment on it.",
    ],
    signer="Owain Rees", role="Prif Ystadegydd / Chief Statistician",
    related=[("Ed Humpherson i Gwen Morgan: Ystadegau tai (March 2022)", L26.url)],
)

# ---- UK Statistics Authority ----------------------------------------------------------------------------
L28 = Letter(
    url=f"{U}/correspondence/sir-david-norgrove-to-rachel-whitcombe-mp-use-of-employment-statistics/",
    orgs=[HOC], template="uksa", post_id=8120, title="Sir David Norgrove to Rachel Whitcombe MP: Use of employment statistics",
    date="2019-09-05",
    fromto="Sir David Norgrove, UK Statistics Authority to Rachel Whitcombe MP, House of Commons",
    salutation="Dear Ms Whitcombe,",
    body=[
        "Thank you for your letter of 28 August about the claim, made in a recent press release, that “a million "
        "more people are in work”.",
        "The figure is supported by ONS’s Labour Force Survey, but it covers a longer period than the press release "
        "implies, and it does not take account of population growth. Without that context the claim risks "
        "misleading people.",
        "Statistics should be used to inform, not to persuade. I have raised the matter with the department "
        "concerned, which has agreed to correct the press release.",
    ],
    signer="Sir David Norgrove",
    signature_html="<p><strong>Sir David Norgrove</strong>Chair, UK Statistics Authority</p>",
)

L29 = Letter(
    url=f"{U}/correspondence/sir-david-norgrove-to-rachel-whitcombe-mp-2/", orgs=[HOC], template="uksa", post_id=8166,
    title="Sir David Norgrove to Rachel Whitcombe MP", date="2019-10-30",
    fromto="Sir David Norgrove, UK Statistics Authority to Rachel Whitcombe MP, House of Commons",
    salutation="Dear Rachel,",
    body=[
        "Further to my letter of 5 September, you asked about the figures on hospital funding quoted in a debate on "
        "22 October.",
        "The figures compare cash amounts over ten years without adjusting for inflation. Our colleagues in the "
        "Office for Statistics Regulation will look at the department’s published tables and will report to me by "
        "the end of November.",
    ],
    signer="Sir David Norgrove", role="Chair, UK Statistics Authority",
    related=[("Sir David Norgrove to Rachel Whitcombe MP: Use of employment statistics (September 2019)", L28.url)],
)

L30 = Letter(
    url=f"{U}/correspondence/letter-from-sir-david-norgrove-to-the-chief-secretary-to-the-treasury/",
    orgs=[HMT], template="uksa", post_id=7702,
    title="Letter from Sir David Norgrove to the Chief Secretary to the Treasury on public sector finance statistics",
    date="2018-10-25",
    fromto="Sir David Norgrove, UK Statistics Authority to Chief Secretary to the Treasury, HM Treasury",
    salutation="Dear Chief Secretary,",
    body=[
        "I am writing about the treatment of student loans in the public sector finance statistics.",
        "ONS has concluded that the current treatment does not reflect the economic reality of the loans and will "
        "publish a revised approach in December 2018. The change will add to measured borrowing.",
        "I would ask that HM Treasury’s own publications reflect the new treatment from the next fiscal event.",
    ],
    copy_line="I am copying this letter to the National Statistician and to the Chair of the Treasury Committee.",
    signer="Sir David Norgrove", role="Chair",
)

L31 = Letter(
    url=f"{U}/correspondence/sir-robert-chote-to-rachel-whitcombe-mp-housing-statistics/", orgs=[HOC], template="uksa",
    post_id=9930, title="Sir Robert Chote to Rachel Whitcombe MP: Housing statistics", date="2023-02-15",
    fromto="Sir Robert Chote, UK Statistics Authority to Rachel Whitcombe MP, House of Commons",
    salutation="Dear Rachel,",
    body=[
        "Thank you for your letter of 30 January about the figures for net additional dwellings quoted by the "
        "department.",
        "The figures are accurate, but the comparison with the previous year uses provisional data for one year "
        "and final data for the other. The Office for Statistics Regulation has asked the department to make this "
        "clear in future statements.",
    ],
    copy_line="I am copying this letter to Ed Humpherson, Director General for Regulation, and to the Head of "
              "Profession for Statistics at the Department for Levelling Up, Housing and Communities.",
    signer="Sir Robert Chote", role="Chair, UK Statistics Authority",
)

L32 = Letter(
    url=f"{U}/submission/written-evidence-to-the-public-administration-committee-on-data-linkage/",
    template="uksa", post_id=8930, doc_type="submission",
    title="UK Statistics Authority written evidence to the Public Administration and Constitutional Affairs "
          "Committee on data linkage", date="2020-04-30",
    fromto="UK Statistics Authority to Public Administration and Constitutional Affairs Committee",
    body=[
        ("h2", "Summary"),
        "1. This evidence sets out the UK Statistics Authority’s view of data linkage across government.",
        "2. The Office for Statistics Regulation’s Joining Up Data for Better Statistics report (September 2018) "
        "found that linking data held by different departments was too slow.",
        "3. The National Statistician has committed to publish a Data Linkage Work Programme in 2020. The Authority "
        "will report to the Committee on its progress.",
    ],
    signoff="",
    related=[("Ed Humpherson to Sir Ian Diamond: Data linkage across government (January 2020)", L01.url)],
)

L33 = Letter(
    url=f"{U}/correspondence/letter-from-sir-andrew-dilnot-to-gareth-wynne-mp-on-nhs-waiting-time-statistics/",
    orgs=[HOC], template="uksa", post_id=1415,
    title="Letter from Sir Andrew Dilnot to Gareth Wynne MP on NHS waiting time statistics", date="2014-11-20",
    fromto="Sir Andrew Dilnot, UK Statistics Authority to Gareth Wynne MP, House of Commons",
    body=["Letter from Sir Andrew Dilnot, Chair of the UK Statistics Authority, to Gareth Wynne MP regarding NHS "
          "waiting time statistics in Wales."],
    signoff="",
    attachments=[("Letter from Sir Andrew Dilnot to Gareth Wynne MP (PDF)",
                  f"{U}/wp-content/uploads/2015/12/letter-from-sir-andrew-dilnot-to-gareth-wynne-mp-201114_tcm97-44523.pdf")],
)

L34 = Letter(
    url=f"{W}/archive/reports---correspondence/correspondence/letter-from-head-of-assessment-to-national-statistician-130313.html",
    template="legacy", title="Letter from the Head of Assessment to the National Statistician – migration statistics",
    date="2013-03-13", fromto="Head of Assessment, UK Statistics Authority to National Statistician",
    paragraphs=["Letter from the Head of Assessment to the National Statistician about the coherence of migration "
                "statistics, with an annex of findings."],
    signoff="",
    attachments=[("Letter from the Head of Assessment to the National Statistician (PDF, 2 pages)",
                  f"{W}/archive/reports---correspondence/correspondence/"
                  "letter-from-head-of-assessment-to-national-statistician-130313_tcm97-43210.pdf")],
)

LETTERS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19, L20,
           L21, L22, L23, L24, L25, L26, L27, L28, L29, L30, L31, L32, L33, L34]

# a document that answers another: (reply, replied-to); the ground truth of mirror/THREADS.md
REPLIES = [(L02, L01), (L03, L02), (L04, L03), (L06, L04), (L08, L07), (L10, L09), (L14, L13), (L24, L23),
           (L27, L26), (L29, L28)]
