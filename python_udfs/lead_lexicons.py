"""Bilingual (EN/FR) lexicons of the offline lead classifier.

Patterns are regular expressions matched on lower-cased, accent-stripped text (so "démo",
"demo" and "DÉMO" are one pattern). They are cues a person would use: words and short phrases
of each intent in both languages, not sentences of a data set. Weights: 1 an ordinary cue,
2 a cue that on its own names the intent, 3 an unmistakable one.
"""

# intent_en (the seeded taxonomy's canonical value) -> [(pattern, weight), ...]
INTENT_CUES: dict[str, list[tuple[str, float]]] = {
    "Sales Inquiry": [
        (r"s'equiper|envisage(ons|ons de)?|considering|evaluating|shortlist|comparing (tools|solutions)", 1.5),
        (r"can your (product|solution|tool|platform|software) (do|help|handle)|is this something your", 2),
        (r"votre (produit|solution|outil|plateforme) (peut|pourrait)", 1.5),
        (r"(want|wants|looking|need|needs) to (automate|streamline|improve|implement|adopt)", 1.5),
        (r"(voulons|souhaitons|cherchons a) (automatiser|ameliorer|mettre en place)", 1.5),
        (r"\bsign up\b|get started|souscrire", 1),
        (r"sales (team|rep|representative|department)", 2), (r"salesperson", 2), (r"\bbuy(ing)?\b", 1),
        (r"purchas(e|ing)", 1), (r"looking for (a|an) [a-z ]{0,30}(solution|tool|platform|software)", 2),
        (r"fits? our needs|our needs", 1), (r"interested in (buying|purchasing|your (solution|product|platform))", 2),
        (r"(un|une|l'equipe|equipe|service|direction) commercia(l|le)", 2), (r"\bacheter\b|\bacquerir\b", 1),
        (r"(cherchons|cherche|recherchons) (une|un) (solution|outil|logiciel|plateforme)", 2),
        (r"nos besoins|nous convenir|pourrait-elle nous convenir", 1), (r"solution pour", 0.5),
    ],
    "Quote Request": [
        (r"price proposal|proposition (commerciale|tarifaire)|formal (offer|proposal)|in writing|par ecrit", 2),
        (r"bon de commande|purchase order|procurement", 1),
        (r"\bquot(e|ation)\b", 2), (r"\bestimate\b", 2), (r"\bdevis\b", 3), (r"\bchiffrage\b", 2),
        (r"\bcotation\b", 2), (r"setup fees?|frais (d'installation|de mise en place)", 1),
        (r"\b\d+ (user )?(licen[cs]es?|seats?|sieges?|postes? utilisateurs?)\b", 1),
    ],
    "Pricing Inquiry": [
        (r"\bcouts?\b|mensuel|\bformules?\b|\bforfaits?\b|c'est combien|quel (est le )?(prix|tarif|cout)", 2),
        (r"per (user|seat)|par utilisateur", 1.5),
        (r"\bpric(e|es|ing)\b", 2), (r"how much", 2), (r"\bcosts?\b", 1), (r"\btarifs?\b", 2), (r"\bprix\b", 2),
        (r"\bcombien\b", 2), (r"\bcoute\b", 2), (r"per month|par mois|yearly|annuel", 1), (r"\bdiscount\b", 1),
        (r"\b(pro|basic|premium|enterprise|starter) (plan|tier)\b", 1),
    ],
    "Demo Request": [
        (r"show (us|me) how|montrer comment|video call|\bvisio\b|live demo|see the (platform|tool|product) live", 2.5),
        (r"walk (us|me) through|voir (la plateforme|l'outil|le logiciel) en (action|direct)", 2.5),
        (r"\bdemo\b|\bdemos\b", 3), (r"demonstration", 3), (r"walk ?through", 2), (r"see it in action", 2),
        (r"(voir|montrer) (l'outil|la plateforme|le produit) en action", 2), (r"free trial|essai gratuit", 1),
    ],
    "Product Information": [
        (r"do you (offer|have|support)|proposez-vous|avez-vous (une|un) (fonction|option|integration|api)", 1.5),
        (r"\binterface\b|can (leads|users|we|i|it) be|est-il possible de|is there (a|an) (api|limit|option|way)", 1.5),
        (r"can (the|your|it) (forms?|app|tool|software|platform|product|system)", 2), (r"\bembed(ded)?\b|integr", 1),
        (r"(data|donnees) (stored|hosted|encrypted|stockees|hebergees)|\bgdpr\b|\brgpd\b", 1.5),
        (r"wordpress|shopify|hubspot|salesforce|zapier|slack|outlook|gmail", 1),
        (r"does it (work|support|handle|include)", 2),
        (r"est-ce que (l'outil|la plateforme|le logiciel|l'application)", 1.5), (r"multilingu|languages? support", 1),
        (r"integrate[sd]? with|integration with", 2), (r"compatible", 2), (r"\bfeatures?\b", 1.5),
        (r"fonctionnalites?", 1.5), (r"does (your|the) (software|platform|product|tool|app)", 2),
        (r"votre (logiciel|plateforme|outil|application|solution) (est|fonctionne|permet|propose|gere)", 2),
        (r"\bsupports? (exporting|export|multiple|mobile)", 1),
        (r"(work|works|fonctionne)(-t-elle|-t-il)? sur mobile", 1),
        (r"permet(-elle|-il)? de", 1), (r"plusieurs utilisateurs|multiple users", 1),
    ],
    "B2B Partnership": [
        (r"work(ing)? together|travailler ensemble|(choses|quelque chose) ensemble|joint package|\bbundle\b", 2),
        (r"partnership", 3), (r"\bpartner(s|ing)?\b", 2), (r"partenariat", 3), (r"partenaires?", 2),
        (r"co-?marketing", 2), (r"joint offer|offre commune", 2), (r"collaborat(e|ion)|collaborer", 1),
        (r"between our (platforms|companies)|entre nos (entreprises|plateformes)", 1),
    ],
    "Reseller Inquiry": [
        (r"resell(er|ers|ing)?\b", 3), (r"revend(eur|eurs|re)", 3), (r"distribut(or|ors|eur|eurs)", 2),
        (r"\bdistribu(ons|e|er)\b", 1), (r"white[- ]label|marque blanche", 2), (r"\bmargins?\b|\bmarges?\b", 1),
        (r"integrateurs?|integrators?", 1), (r"remises?", 0.5),
    ],
    "Sponsorship Request": [
        (r"soutenir|support (our|the) (event|cause|team)|fondation|foundation|solidaire|fundrais|collecte", 1.5),
        (r"\bdons?\b|donation|financer", 1),
        (r"sponsor(s|ing|ship)?\b", 3), (r"parrainage|parrainer|mecenat", 3), (r"\bcharity\b|\bgala\b", 1),
        (r"\bassociation\b|\bclub\b|\bfundrais", 1),
    ],
    "Support Request": [
        (r"new to the (tool|platform|app)|a bit lost|un peu perdu|best way to|meilleure (facon|maniere)", 1.5),
        (r"how (should|would) (i|we)|comment (puis-je|peut-on|faire pour)|set up|mettre en place", 1),
        (r"where (do|can) i (change|find|set|edit|update)|ou (puis-je|trouver|modifier|changer)", 2),
        (r"can'?t find|cannot find|couldn'?t find|looked everywhere|introuvable", 1.5),
        (r"tutori|mode d'emploi|\bguide\b", 1),
        (r"need (some )?help|besoin d'aide|aide pour", 2), (r"how (do|can) (i|we)|how to\b", 1.5),
        (r"comment (faire|ajouter|configurer|parametrer|modifier)", 1.5), (r"configur(e|ing|er)|parametr(er|age)", 1),
        (r"\bsettings\b|\bparametres\b", 1), (r"support team|equipe (de )?support", 1.5), (r"\bassist\b", 1),
        (r"documentation is not clear|je ne trouve pas", 1), (r"\bhelp\b|\baide\b", 0.5),
    ],
    "Technical Issue": [
        (r"en double|doublons?|duplicate", 1.5), (r"\bprobleme\b|\bproblem\b|\bissue\b", 1),
        (r"plus aucun|no longer|n'arrive(nt)? (plus|pas) dans|not (arriving|showing|coming)|disappeared|disparu", 2),
        (r"n'envoie(nt)? plus|ne s'affiche|page blanche|blank page|not loading|ne charge (pas|plus)|won'?t load", 2),
        (r"freez|\bfige\b|time ?out|\bslow\b|\blent(e|s)?\b|glitch|dysfonctionn", 1.5),
        (r"(depuis|since) (la|the) (mise a jour|update|upgrade)|stopped working|arrete de fonctionner", 2),
        (r"\bfail(s|ed|ing)?\b|echou", 1.5),
        (r"\bbugs?\b", 2.5), (r"\berrors?\b|\berreurs?\b", 2), (r"\bcrash(es|ed)?\b|\bplante\b", 2.5),
        (r"\bdown\b|outage|en panne", 2),
        (r"broken|not working|doesn'?t work|ne fonctionne (pas|plus)|marche (pas|plus)", 2),
        (r"\b50[0-4]\b", 1), (r"\bsync(hroni[sz]ation)?\b", 1), (r"\bapi\b", 0.5), (r"\bblocked\b|\bbloque", 1),
    ],
    "Account Access": [
        (r"invitation|resend|renvoyer (l'invitation|le lien)|workspace|espace de travail", 2),
        (r"admin(istrator)? (rights|access)|droits d'admin|\bpermissions?\b", 2),
        (r"can'?t access|cannot access|n'arrive (pas|plus) a acceder|acces (au|a mon|a notre) compte", 2),
        (r"two-factor|\b2fa\b|authentification|verification code|code de verification", 2),
        (r"locked out", 3), (r"log ?in|sign ?in|se connecter|me connecter", 2), (r"password|mot de passe", 2),
        (r"(acces|access) (a|to) (mon|my) (compte|account)", 2), (r"reset|reinitialis", 1),
        (r"identifiants?|credentials", 1.5), (r"(my|mon) (account|compte)", 0.5),
    ],
    "Billing Question": [
        (r"prelevement|\bdebit\b|montant (preleve|facture)|payment (amount|went up)|tarif annonce", 2),
        (r"invoices?\b|factur(e|es|ation)", 2.5), (r"billing", 2), (r"charged twice|extra charge", 1),
        (r"payment method|moyen de paiement", 2), (r"\bvat\b|\btva\b", 1.5), (r"receipt|recu de paiement", 1.5),
        (r"\bmontant\b|\bamount\b", 0.5),
    ],
    "Refund Request": [
        (r"money (returned|back)|return(ed)? (our|my) money|credit note|\bavoir\b", 2.5),
        (r"reverse the charge|credit (it )?back|chargeback|annuler le prelevement|get (our|my) money", 2.5),
        (r"by mistake|par erreur", 1),
        (r"refund", 3), (r"rembours", 3), (r"money back", 3),
        (r"(charged|debite)s? (twice|deux fois|par erreur|by mistake)", 1),
    ],
    "Complaint": [
        (r"furious|furieux|\bexige|a mess\b|fiasco|ignores? (our|my|nos|mes)|never happened|jamais eu lieu", 2),
        (r"manque de respect|disrespect|shameful|honteux|lamentable|poor service|mauvais service", 2),
        (r"still no (news|answer|reply)|toujours pas de (nouvelles|reponse)|j'en ai assez|en ai marre|fed up", 2),
        (r"(promised|promis)\b|waiting for (days|weeks)|attends depuis", 1),
        (r"unhappy|mecontent|displeased", 2.5), (r"unacceptable|inacceptable|scandal|outrag", 2),
        (r"disappoint|decu|decevant", 2), (r"complain|plainte|reclamation", 3),
        (r"nobody (answer|respond|replie)|personne ne (repond|me repond)", 2), (r"never showed up|jamais venu", 1.5),
        (r"not what we paid for|poor quality|mauvaise qualite|quality of", 1.5),
        (r"\bterrible\b|\bworst\b|\bhorrible\b", 1.5),
    ],
    "Cancellation Request": [
        (r"mettre un terme|(terminate|end) (our|the) contract|fin de (notre|mon) contrat", 2.5),
        (r"not continue|pas continuer", 2.5),
        (r"auto-?renew|ne pas (etre )?renouvel", 2),
        (r"stop (the|my|our) (renewal|subscription|service|plan)|don'?t renew|ne pas renouveler", 2.5),
        (r"won'?t need (the|your) (service|tool)|n'aurons plus besoin|mettre fin|terminate", 2),
        (r"arreter (mon|notre) abonnement|closing (the|our) (shop|business|company)", 1.5),
        (r"\bcancel(l?ing|l?ation)?\b", 2.5), (r"\bannul(er|ation)\b", 2.5), (r"resili(er|ation)", 3),
        (r"unsubscribe|desabonn|desinscri", 2), (r"close my account|fermer mon compte|end (my|our) subscription", 2),
    ],
    "Customer Feedback": [
        (r"\bbemol\b|plus clair|much better|bien mieux|merci pour (le|la|les) nouve|thanks for the new", 2),
        (r"results|resultats|thrilled|ravis?\b", 1),
        (r"je tenais a vous (dire|signaler)|i wanted to (let you know|tell you)|pertinent", 1.5),
        (r"would be (useful|nice|great|helpful) (to|if)|serait (utile|bien|pratique)|it would help", 1.5),
        (r"\bidea\b|\bidee\b|improvement|amelioration", 1),
        (r"feedback|retour d'experience|petit retour", 3), (r"suggestion", 2), (r"just wanted to say", 2),
        (r"great job|keep it up|bravo|well done|felicitations", 2), (r"\blove (it|the|your)\b|adore", 1.5),
        (r"satisfai(t|te|ts)|satisfied|happy with", 1.5),
        (r"merci pour votre travail|thank you for (your|the) (work|product)", 1.5),
        (r"nouvelle version|new (version|feature)", 1),
    ],
    "Appointment Booking": [
        (r"passer (a|à) vos bureaux|rencontrer|meet (with )?(you|someone)|visit your office|come by", 2),
        (r"(set up|schedule|plan|book) (a|an) (\d+[ -]minute )?(meeting|call|session)", 2),
        (r"meeting on (monday|tuesday|wednesday|thursday|friday)|any time after|available (on|at)", 1.5),
        (r"\bcalendar\b|\bagenda\b|calendly|fixer un rendez|planifier (une|un) (reunion|appel)|\breunion\b", 1.5),
        (r"appointment", 3), (r"rendez-vous|\brdv\b", 2.5), (r"\bbook (a|an|one)\b", 2), (r"\breserv(e|er)\b", 2),
        (r"\bslots?\b|creneaux?", 2), (r"(schedule|set up) a (meeting|call)", 1.5), (r"advisor|conseiller", 1),
    ],
    "Consultation Request": [
        (r"specialists?|recommend(ations?)?|recommander|review (it|our)|diagnostic", 1.5),
        (r"accompagn(er|es|ement)|specialiste?|specialist|coaching|guidance|expertise", 1.5),
        (r"strategi|help us (plan|define|design)|revoir (tout )?notre|review our (strategy|process)", 1),
        (r"\bconsultation\b", 2), (r"\bconsult(ant|ants|er)\b", 1.5), (r"\bexperts?\b", 1.5),
        (r"\badvice\b|\bconseils?\b", 1.5),
        (r"\baudit(er)?\b|assess", 1.5), (r"avis d'un expert", 2),
    ],
    "Callback Request": [
        (r"telephon(er|ez)|me contacter par telephone|call (me|us) back", 3),
        (r"ring me|phone call|by phone|par telephone|appelez-moi|reach me at|joindre au", 2.5),
        (r"call me( back)?|give me a call|phone me", 3), (r"rappel(er|lez)|me rappeler", 3),
        (r"(my|mon) (phone )?(number|numero)", 1.5), (r"\+?\d[\d .-]{7,}\d", 1.5), (r"\btelephone\b|\bphone\b", 1),
    ],
    "Job Application": [
        (r"openings?|open roles?|portfolio|join your team|rejoindre (votre|l') equipe|\brole\b", 2),
        (r"\bjunior\b|\bsenior\b|years of (\w+ )?experience|ans d'experience", 1.5),
        (r"\bstage\b|stagiaire|internship|\bintern\b|alternance|recrutez|are you hiring|job opening", 2.5),
        (r"\bmaster\b|diplome|graduate|career|carriere", 1),
        (r"\bappl(y|ying)\b|application for", 2.5), (r"candidature|postuler", 3), (r"\bresume\b|\bcv\b", 2.5),
        (r"cover letter|lettre de motivation", 3), (r"\bposition\b|\bposte de\b", 1.5),
        (r"hiring|careers|recrut|offre d'emploi|\bjob\b|\bemploi\b", 1.5),
    ],
    "Media Inquiry": [
        (r"intervenir|speak on|\bguest\b|en direct|on air", 1),
        (r"\btv\b|television|\bradio\b|\bsegment\b|spokesperson|porte-parole|blogger|chronique|emission", 2),
        (r"comment from|commentaire de", 1.5),
        (r"journalist|journaliste|reporter", 3), (r"\binterview\b", 2), (r"podcast", 2), (r"\bpress\b|\bpresse\b", 2),
        (r"magazine|newspaper|quotidien|reportage|\barticle\b|\bmedia\b", 1.5),
    ],
    "Vendor Offer": [
        (r"our firm offers|notre (cabinet|societe|entreprise) (propose|offre)|outsourc|externalis", 2),
        (r"save you (time|money)|vous faire gagner|would you be open to a (short )?call", 2),
        (r"nous accompagnons|we help (companies|businesses|brands|saas)|our agency|notre agence", 1.5),
        (r"nos references|our references|case studies|une proposition|a proposal", 1.5),
        (r"we speciali[sz]e|specialisee? dans", 1.5),
        (r"can i send you|puis-je vous (faire parvenir|envoyer)", 1.5),
        (r"we (provide|supply|offer)|nous (proposons|fournissons|offrons)", 2),
        (r"(offer|present|presenter) (you )?(our|notre|nos) (services|offre|offer)", 2),
        (r"notre societe propose|our company provides", 2), (r"fournisseurs?|supplier", 1.5),
        (r"brochure and rates|our proposal|notre proposition|competitive rates|tarifs fournisseurs", 1.5),
        (r"staffing|agency and can|can supply", 1.5),
    ],
    "General Inquiry": [
        (r"do you (only )?(serve|work with)|servez-vous|est-ce que vous (travaillez|servez)", 2),
        (r"who (founded|owns|runs)|how long have you|depuis quand|qui a fonde|where are you|ou etes-vous", 2),
        (r"just curious|simple curiosite", 1),
        (r"quick question|general question|petite question|question d'ordre general|une question", 2),
        (r"are you (based|located)|avez-vous des bureaux|etes-vous (situes|bases)", 2),
        (r"do you (also )?work with|travaillez-vous", 1.5), (r"\bquestion\b", 0.5),
    ],
    "Information Request": [
        (r"descriptif|conditions generales|terms and conditions|presentation de vos services", 2),
        (r"presentation detaillee|detailed (presentation|overview)|overview of your|vos offres|your offerings", 2),
        (r"catalogu?e?|catalog|fiche produit|spec sheet", 1.5),
        (r"partager avec ma direction|share (it )?with my (boss|manager)", 1.5),
        (r"\btransmettre\b", 1),
        (r"more (information|info|details)|plus d'informations?|plus de details", 2.5),
        (r"documentation|brochure|plaquette|\bpdf\b", 1.5), (r"send me|m'envoyer|me faire parvenir", 1),
        (r"information (about|on|sur)|informations sur", 1.5), (r"what your company offers", 1.5),
    ],
    "Event Inquiry": [
        (r"launch party|open house|portes ouvertes|\battend\b|assister|participer a|soiree", 2),
        (r"training session|formation en ligne|live session|session en direct|next (live )?session", 2),
        (r"recording|replay", 2),
        (r"meetups?|panel(ist)?|speaking at|speakers?|conferencier|table ronde|trade show|\bfoire\b|\bexpo\b", 2),
        (r"conference|summit|sommet|congres", 2.5), (r"webinai?re?s?\b|webinars?", 3), (r"workshops?|atelier", 2),
        (r"\bevent\b|evenement", 2), (r"\bsalon\b|booth|\bstand\b", 2), (r"register|inscri(re|ption)", 1.5),
    ],
    "Other": [
        (r"^\W*(test|essai|testing)(\W+(test|essai|testing|\d+))*\W*$", 3),
        (r"\btest(ing)?\b", 2.5), (r"ignore this|please ignore|vous pouvez ignorer|ignorez", 2),
        (r"\basdf\b|\bqwerty\b|lorem ipsum", 3),
    ],
    "Spam": [
        (r"premiere page (de|sur) google|first page|imbattable|unbeatable|reply yes|repondez oui", 3),
        (r"email list|liste (d'emails|de courriels)|verified (email )?list|for only \$|only \$\d", 3),
        (r"rank (you )?#?1|visitors per day|more traffic|increase your (sales|traffic)|missing traffic", 3),
        (r"gagnant|carte cadeau|gift card|validez votre|claim your|\bwinner\b|free money|work from home", 3),
        (r"felicitations !|\$\$\$|dear friend", 1.5),
        (r"click (here|this link)|cliquez ici", 3), (r"backlinks?|\bseo\b", 3), (r"first page of google", 3),
        (r"guarant(eed|ies)|garanti(s|e|es)?\b", 1.5), (r"crypto|bitcoin|trading|casino|viagra|forex", 3),
        (r"you (have )?won|congratulations|\bprize\b|free iphone|gagnez", 3),
        (r"limited offer|offre exclusive|act fast|100% free|investir maintenant", 2),
        (r"https?://|www\.", 1.5), (r"!!!", 1),
    ],
}

# Intent when nothing matched: a real message with no cue is a general inquiry; noise is Other.
FALLBACK_INTENT = "General Inquiry"
NOISE_INTENT = "Other"

# Urgency: cues raise (+) or lower (-) a score that starts from the intent's prior.
URGENCY_NEGATED = (r"rien d'urgent|rien de presse|pas urgent|not urgent|no rush|pas presse|aucune urgence|"
                   r"sans urgence|no urgency|"
                   r"nothing urgent|not in a hurry|pas de rush|rien ne presse|non urgent|pas pressant|"
                   r"not (time[- ]sensitive|pressing|a priority)")
URGENCY_HIGH = [
    r"\burgent\b|\burgence\b|\burgently\b", r"\basap\b|as soon as possible|au plus vite|des que possible",
    r"immediate(ly)?|immediatement|right away|tout de suite|sans delai", r"\btoday\b|aujourd'hui|ce jour",
    r"emergency|critical|critique", r"\bdown\b|outage|en panne", r"fix (it|this) now|\bnow\b.{0,10}!|rapidement",
    r"blocked|bloque", r"before tomorrow|avant demain|\btonight\b|ce soir|faire vite|\bhurry\b",
    r"losing (customers|clients|money|sales|leads)|perdons des (clients|ventes)|costing us",
    r"by (monday|tuesday|wednesday|thursday|friday|tonight|end of day)|this week|cette semaine",
    r"as quickly as possible|au plus tot|le plus tot possible|d'ici (ce soir|demain|lundi|vendredi|la fin)",
    r"by (tomorrow|end of (the )?(day|week)|eod|noon)|\bdeadline\b|date limite|tomorrow morning|demain matin",
    r"can'?t work|cannot work|impossible de travailler|bloquant|blocking|all (our|my) users (are|can)",
    r"(avant|d'ici) (lundi|mardi|mercredi|jeudi|vendredi)|(pour|en) comite|nous devons (le|la) (presenter|valider)",
    r"in production|en production|time[- ]sensitive|\bpressing\b|prioritaire|top priority",
    # Pressure without the word "urgent": going live, escalation, leads being lost right now.
    r"right now|en ce moment meme|avant \d+ ?h|before \d+ ?(am|pm)|at noon|a midi|by then|(move|act) fast|\bvite\b",
    r"goes? live|going live|expires? (today|tomorrow|tonight)|escalat|legal team|avocat|mise en demeure",
    r"\bon perd\b|(lose|losing) (leads|deals|the deal)|perd(ons|re) (des|nos) (demandes|leads|affaires)",
    r"renewal date|date de renouvellement",
]
# Near-time words raise urgency only outside scheduling intents: "call me tomorrow morning" names
# a slot, it is not pressure; "fix it by tomorrow" is.
URGENCY_NEAR_TIME = (r"\btomorrow'?s?\b|\bdemain\b|this (morning|afternoon|evening)|cet apres-midi|\bce matin\b|"
                     r"dans la journee|within (the|an|\d+) (hour|hours|minutes)|in an hour|dans (l'|une )heure")
SCHEDULING_INTENTS = frozenset({"Callback Request", "Appointment Booking", "Demo Request", "Consultation Request"})
URGENCY_LOW = [
    URGENCY_NEGATED, r"whenever|when you (can|have time)|quand vous (pouvez|aurez)", r"just (curious|wondering)",
    r"next year|l'an prochain|l'annee prochaine", r"no hurry|pas de presse|simple curiosite",
    r"take your time|prenez votre temps|at your (convenience|leisure)|a votre convenance|when(ever)? convenient",
    r"quand vous aurez (un moment|le temps)|un de ces jours|in the coming months|dans les (prochains|mois)",
    r"later this year|plus tard dans l'annee|for future reference|pour plus tard|next quarter|trimestre prochain",
    r"a titre indicatif|ballpark|rough idea|ordre de grandeur",
    r"just browsing|for now|pour l'instant|pour le moment|rien de presse|pas de rush",
    r"par curiosite|out of curiosity|\bcurious\b|no deadline|pas de date limite",
    r"no pressure|minor (thing|issue|detail)|petit detail|no fixed (timeline|date)|sometime|at some point",
    r"pas de calendrier|sans calendrier|d'ici quelques mois|in a few months|dans quelques mois|pour nos archives",
]
URGENCY_PRIOR = {
    "Spam": -2, "Job Application": -1, "Customer Feedback": -1, "Sponsorship Request": -1, "Vendor Offer": -1,
    "General Inquiry": -1, "Information Request": -1, "Product Information": -1, "Other": -1,
    "Technical Issue": 0.5, "Complaint": 0.5,
}

# Tone cues, checked in this order: the first tone with a cue wins; Professional otherwise.
TONE_CUES: list[tuple[str, list[str]]] = [
    ("Frustrated", [r"unacceptable|inacceptable|scandal|outrag|ridiculous|ridicule",
                    r"disappoint|decu|unhappy|mecontent|fed up|en ai assez|marre",
                    r"third time|troisieme fois|toujours (aucune|pas)|still (no|not)|costing us|not what we paid for",
                    r"broken again|encore une fois|furious|furieux|\bexige|a mess\b|fiasco|never happened"]),
    ("Urgent", [r"\burgent(ly)?\b|\burgence\b|urgemment|faire vite",
        r"\basap\b|as soon as possible|au plus vite|des que possible",
                r"immediate(ly)?|immediatement|right away|tout de suite"]),
    ("Formal", [r"\bdear\b|madame, monsieur|madame,? monsieur", r"je vous prie|veuillez agreer|salutations distinguees",
                r"je me permets|par la presente|je sollicite|kind regards|yours (sincerely|faithfully)"]),
    ("Enthusiastic", [r"!!!", r"(amazing|awesome|excited|love[ds]?|fantastic|great fit|superbe|genial|adore|bravo|"
                      r"incroyable|formidable)[^.?]*!"]),
    ("Friendly", [r"(thanks|thank you|merci)[^.?]*!", r"bonne journee|have a (great|nice) day|hi there|^hi!|bonjour !",
                  r"merci (beaucoup|d'avance)|thanks (so much|a lot)"]),
    ("Casual", [r"^(hey|yo|salut|coucou)\b|\blol\b|\bthx\b|\bmdr\b|\bbtw\b", r"^[a-z0-9 ,'?.-]{0,60}$"]),
]
DEFAULT_TONE = "Professional"

# Language: frequent function words of each language (accent-stripped), plus accented letters.
STOPWORDS = {
    "en": set("the a an and or of to in for on with is are was be we i you your our my it this that "
              "can could would should please thanks hello hi have has do does not from at by as "
              "about will what how".split()),
    "fr": set("le la les un une des et ou de du au aux en pour sur avec est sont nous vous je votre "
              "notre mon ma mes ce cette que qui pas ne merci bonjour pourriez pouvez souhaite "
              "serait dans par se sa son il elle".split()),
}
FRENCH_LETTERS = "éèêëàâîïôûùçœ"

# French labels of the fixed vocabularies (intent labels come from intent_translations).
URGENCY_FR = {"High": "Élevée", "Medium": "Moyenne", "Low": "Faible"}
TONE_FR = {"Professional": "Professionnel", "Friendly": "Amical", "Formal": "Formel", "Casual": "Décontracté",
           "Urgent": "Urgent", "Frustrated": "Frustré", "Enthusiastic": "Enthousiaste"}
