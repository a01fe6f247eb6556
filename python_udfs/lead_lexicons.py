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
        (r"furious|furieux|\bexige(ons|z)?\b|a mess\b|fiasco|ignores? (our|my|nos|mes)|never happened|"
         r"jamais eu lieu", 2),
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

# Urgency: weighted cues add to (+) or take from (-) a score that starts from the intent's prior;
# High at URGENCY_HIGH_AT or more, Low at URGENCY_LOW_AT or less. Negated urgency ("pas urgent",
# "no rush") is cut out of the text before the raising cues are read, and counts as a lowering one.
URGENCY_NEGATED = (r"rien d'urgent|rien de presse|pas urgent|not urgent|no rush|pas presse|aucune urgence|"
                   r"sans urgence|no urgency|n'est pas (urgent|presse)|isn'?t urgent|nothing (urgent|pressing)|"
                   r"not in a (hurry|rush)|pas de rush|rien ne presse|non urgent|pas pressant|no hurry|"
                   r"not (time[- ]sensitive|pressing|a priority)|pas (tres )?press(e|ant)|pas de presse")
_WEEKDAY = (r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|"
            r"samedi|dimanche)")
_SOON = (rf"({_WEEKDAY}|tomorrow|demain|tonight|ce soir|noon|midi|end of (the )?(day|week|month)|eod|"
         r"(la )?fin (de (la )?)?(journee|semaine|mois)|\d{1,2} ?(h|am|pm|:\d\d)\b|the \d|le \d|la\b|then\b|"
         r"this (week|afternoon|evening)|cette semaine|next week|la semaine prochaine)")
URGENCY_CUES: list[tuple[str, float]] = [
    # Said outright.
    (r"\burgent(e|es|s|ly)?\b|\burgence\b|\burgemment\b", 2),
    (r"\basap\b|as soon as possible|au plus vite|des que possible|au plus tot|le plus tot possible", 2),
    (r"immediate(ly)?|immediatement|right away|tout de suite|sans delai|sans tarder|without delay", 2),
    (r"emergency|critical|critique|top priority|prioritaire|time[- ]sensitive|\bpressing\b", 1.5),
    (r"\bhurry\b|faire vite|\bvite\b|rapidement|quickly|(move|act) fast|au plus pressé", 1),
    # A deadline: a marker of limit followed by a near day or hour.
    (rf"\b(before|by|until|no later than|avant|d'ici|au plus tard|jusqu'a)\b[^.?!]{{0,30}}\b{_SOON}", 1.5),
    (rf"\b(need|needs|must|have to|has to|devons|dois|doit|devez|faut)\b[^.?!]{{0,40}}\b({_WEEKDAY}|tomorrow|demain|"
     r"tonight|ce soir|today|aujourd'hui)\b", 1),
    (r"since (last night|yesterday|this morning|\d{1,2} ?(am|pm|h))|depuis (hier|ce matin|cette nuit|\d{1,2} ?h)", 1),
    (r"deadline|date limite|echeance|expires? (today|tomorrow|tonight)|closes? on|se (cloture|termine)", 1),
    (r"il (me|nous) (le |la |les |l')?(le )?faut|need(s|ed)? (it|them|this) (by|before)|imperativement|"
     r"must (have|be|get)|il faut absolument|au plus tard", 1),
    (r"\btoday\b|aujourd'hui|ce jour|\btonight\b|ce soir", 1.5),
    (r"this morning|ce matin|cet apres-midi|right now|en ce moment|currently down|within (24|48) ?h|"
     r"dans (les )?(24|48) ?h", 1),
    # What it costs to wait: work stopped, people waiting, money or customers being lost.
    (r"\bdown\b|outage|en panne|hors service|stuck|bloque|blocked|blocking|bloquant|can'?t (work|get into|log)|"
     r"cannot (work|access)|impossible de (travailler|acceder|se connecter)|plus rien ne (marche|fonctionne)", 1),
    (r"(are|is|sont|est) waiting|attendent|en attente|losing (customers|clients|money|sales|leads|deals)|"
     r"perd(ons|re)? (des|nos) (clients|ventes|demandes|leads|affaires)|\bon perd\b|costing us|in production|"
     r"en production|goes? live|going live|we open at|on ouvre a", 1.5),
    (r"escalat|legal (team|action)|avocat|mise en demeure|lawyer|chargeback|(bank|banque) dispute", 1),
    (r"(avant|before) (le |la |the |our |notre |nos )?(prochain|next|comite|committee|board|meeting|reunion|"
     r"renewal|renouvellement|prelevement|statement)", 1),
    # No hurry, said outright or by the horizon.
    (URGENCY_NEGATED, -2),
    (r"whenever|when(ever)? you (can|have (a moment|time))|quand vous (pouvez|aurez)|at your (convenience|leisure)|"
     r"a votre convenance|when(ever)? convenient|take your time|prenez votre temps|no pressure", -1.5),
    (r"next (year|quarter|season|spring|summer|fall|autumn|winter)|l'an prochain|l'annee prochaine|"
     r"trimestre prochain|later this year|plus tard dans l'annee|in the coming (weeks|months)|"
     r"dans les (prochaines semaines|prochains mois|mois a venir)|in a few (weeks|months)|"
     r"d'ici quelques mois|dans quelques (semaines|mois)|eventually|un jour|someday|sometime|at some point|"
     r"a terme|down the (road|line)", -1),
    (r"just (curious|wondering|browsing)|par curiosite|out of curiosity|\bcurious\b|simple curiosite|"
     r"for future reference|pour plus tard|pour nos archives|a titre indicatif|ballpark|rough idea|"
     r"ordre de grandeur|no (deadline|fixed (timeline|date))|pas de (date limite|calendrier)|sans calendrier", -1),
    (r"just wanted to (say|let you know|share)|je voulais (juste |simplement )?(vous )?(dire|signaler|partager)|"
     r"thought you'?d (want|like) to know|pour info|\bfyi\b|minor (thing|issue|detail)|petit detail", -1),
]
URGENCY_HIGH_AT = 1.5
URGENCY_LOW_AT = -1
# Near-time words raise urgency only outside scheduling intents: "call me tomorrow morning" names
# a slot, it is not pressure; "fix it by tomorrow" is.
URGENCY_NEAR_TIME = (r"\btomorrow'?s?\b|\bdemain\b|within (the|an|\d+) (hour|hours|minutes)|in an hour|"
                     r"dans (l'|une )heure|dans la journee")
SCHEDULING_INTENTS = frozenset({"Callback Request", "Appointment Booking", "Demo Request", "Consultation Request"})
URGENCY_NEAR_TIME_WEIGHT = {False: 1.5, True: 0.5}  # {scheduling intent?: weight}
# What the intent says of itself when the text says nothing of time: an offer, an application or a
# compliment can wait; a breakdown cannot. Kept small so that the text's own cues decide.
URGENCY_PRIOR = {
    "Spam": -2, "Job Application": -1, "Customer Feedback": -1, "Sponsorship Request": -1, "Vendor Offer": -1,
    "General Inquiry": -1, "Information Request": -1, "Product Information": -1, "Other": -1,
    "Technical Issue": 1, "Complaint": 0.5, "Account Access": 0.5,
}

# Tone: weighted cues per tone, scored together; the best tone at or above TONE_MIN_SCORE wins
# (ties broken in TONE_ORDER), Professional otherwise. Frustration outranks urgency once it is
# plainly there (TONE_FRUSTRATED_WINS_AT): an angry message with a deadline reads as angry.
_WARM = (r"(amazing|awesome|excited|fantastic|wonderful|thrilled|love[ds]?|adore[sz]?|genial|incroyable|formidable|"
         r"ravi(e|s)?|bravo|great job)")
TONE_CUES: dict[str, list[tuple[str, float]]] = {
    "Frustrated": [
        (r"unacceptable|inacceptable|scandal|outrag|ridiculous|ridicule|shameful|honteux|lamentable|absurd", 2.5),
        (r"disappoint|\bdecu(e|s)?\b|decevant|unhappy|mecontent|fed up|en ai assez|(j'en ai |c'est )marre|"
         r"furious|furieux|\bexige(ons|z)?\b|a mess\b|fiasco|annoy|agace|frustr|exasper|tired of", 2.5),
        (r"(second|third|fourth|deuxieme|troisieme|quatrieme|\d+(e|eme|rd|nd|th)?) (time|fois)|"
         r"(two|three|four|several|many|deux|trois|quatre|plusieurs) (times|fois)", 2),
        (r"\bstill (no|not|nothing|waiting|get|getting|charged|broken|haven'?t)|toujours (aucun|aucune|pas|rien|"
         r"en attente)|"
         r"\bagain\b|encore une fois|de nouveau|broken again|not what (we|i) (paid|expect)", 1.5),
        (r"never (showed|arrived|came|happened|answered|replied|heard)|jamais (venu|arrive|eu lieu|eu de reponse)|"
         r"nobody|no one (has|answers|replies|called)|personne ne|sans succes|without success|no (answer|reply|"
         r"response)|"
         r"aucune reponse|pas de reponse|deja essaye|already tried|(billed|charged|debite|facture)s? (anyway|"
         r"quand meme)|"
         r"waiting for (days|weeks)|ca fait \d+ (jours|semaines|mois)|depuis \d+ (jours|semaines|mois)|"
         r"for (\d+|two|three) (days|weeks|months) now|rude|impoli|wasted|perdu mon temps", 1.5),
        (r"costing us|i want to speak to a (manager|supervisor)|parler a un responsable|\bmanager\b|"
         r"this is the last", 1),
    ],
    "Urgent": [
        (r"\burgent(ly)?\b|\burgence\b|urgemment|faire vite", 2),
        (r"\basap\b|as soon as possible|au plus vite|des que possible|au plus tot", 2),
        (r"immediate(ly)?|immediatement|right away|tout de suite|sans delai|sans tarder", 2),
        (rf"\b(before|by|until|no later than|avant|d'ici|au plus tard)\b[^.?!]{{0,30}}\b{_SOON}", 1),
        (r"imperativement|il (me|nous) (le |la |les |l')?faut|need(s|ed)? (it|them|this) (by|before)", 1),
        (r"(are|is|sont) waiting|attendent|\bdown\b|en panne|stuck|bloque", 1),
        (r"j'ai (tres )?mal|in (a lot of )?pain|emergency|\bhurts?\b", 1.5),
        (r"rapidement|\bquickly\b|\bhurry\b|\btoday\b|aujourd'hui|ce soir|tonight", 1),
    ],
    "Formal": [
        (r"madame,? monsieur|dear (sir|madam|sirs)|to whom it may concern|a qui de droit", 3),
        (r"je vous prie|veuillez agreer|salutations distinguees|sentiments distingues|yours (sincerely|faithfully)|"
         r"respectfully|\bsincerely\b|par la presente", 3),
        (r"cordialement|kind regards|best regards|\bregards\b|\bdear\b", 2),
        # Each of these is ordinary on its own; two together make the register.
        (r"je vous remercie|je me permets|je sollicite|i would (be grateful|appreciate)", 1),
        (r"at your earliest convenience|dans les meilleurs delais|good (morning|afternoon|evening)\b", 1),
        (r"i am writing to|je vous ecris|dans le cadre (de|d')|further to|suite a (notre|votre)", 1),
        (r"please find|vous trouverez ci-joint|i wish to|je tiens a vous|je souhaiterais|nous souhaiterions", 1),
    ],
    "Enthusiastic": [
        (r"!!+", 2),
        (r"\b(amazing|awesome|excited|exciting|fantastic|incredible|wonderful|brilliant|thrilled|delighted|"
         r"superbe|genial(e)?|incroyable|formidable|fantastique|ravi(e|s)?|enchante|trop bien|so much (easier|better)|"
         r"bien mieux|can'?t wait|hate de|love[ds]?|loving|adore(r|s|z)?|bravo|great job|well done|huge fan|"
         r"big fan)\b", 1.5),
        (r"(amazing|awesome|love|great|excellent|super|genial|adore|bravo|parfait|perfect)[^.?]{0,40}!", 1),
        # A warm word and an exclamation anywhere in the message (in either order).
        (rf"!.*\b{_WARM}\b|\b{_WARM}\b.*!", 1),
        (r"[\U0001F600-\U0001F64F\U0001F389\U0001F680\U0001F525\u2764]", 0.5),
    ],
    "Friendly": [
        (r"^\W*(hi|hey|hello|bonjour|salut|coucou|allo|hi there)( [a-z]+)?\s*!", 1.5),
        (r"^\W*(hi there|hello there|hey there)\b|\blovely\b|\bsympa\b", 1.5),
        (r"(thanks|thank you|merci)[^.?]{0,30}!|bonne journee|bonne soiree|have a (great|nice|good) (day|week)|"
         r"au plaisir|a bientot|cheers|hope (you|all) (are|is) well|j'espere que vous allez bien|:\)|;\)|haha|hihi", 2),
        (r"merci (beaucoup|d'avance|infiniment|mille fois)|thanks (so much|a lot|in advance)|many thanks|"
         r"j'aimerais beaucoup|with pleasure|avec plaisir|\bfolks\b", 1),
        (r"[\U0001F600-\U0001F64F\u263A]", 1.5),
        (r"!", 0.5),
    ],
    "Casual": [
        (r"^\W*(hey|yo|salut|coucou|allo)\b|\blol\b|\bthx\b|\bmdr\b|\bbtw\b|\bpls\b|\bplz\b|\bya\b|\byeah\b|"
         r"\bgonna\b|\bwanna\b|\bkinda\b|\byou guys\b|\byrs?\b|\bok so\b|\bstuff\b|\bsuper vite\b|\bbcp\b|\bstp\b|"
         r"\bsvp\b|\bcool\b|\bouais\b|\btruc\b|\bmec\b", 1.5),
        # Spoken French drops the "ne" of the negation and asks with "c'est quoi".
        (r"\b(j'ai|c'est|je sais|il y a|y'a|on a|ca marche|je trouve) pas\b|c'est quoi|\bt'as\b|\bchui\b|"
         r"comment je fais|je fais comment|\bca fait combien", 1.5),
    ],
}
TONE_ORDER = ("Frustrated", "Urgent", "Formal", "Enthusiastic", "Friendly", "Casual")
# The score a tone needs: one weak cue of anger ("still", "nobody") or one warm word without an
# exclamation is not yet a tone.
TONE_MIN_SCORE = {"Frustrated": 2, "Urgent": 1.5, "Formal": 1.5, "Enthusiastic": 2, "Friendly": 1.5, "Casual": 1.5}
TONE_FRUSTRATED_WINS_AT = 2.5
# Casual by its shape: written in lower case from the first letter (the raw text, not the folded one).
TONE_LOWERCASE_START = 1.5
TONE_ALL_LOWERCASE = 1
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

# French labels of the fixed vocabularies, for PL/Python and tests without a database: the worker
# reads the database's own (translation_dictionary, through public.translate) and passes them in.
URGENCY_FR = {"High": "Élevée", "Medium": "Moyenne", "Low": "Faible"}
TONE_FR = {"Professional": "Professionnel", "Friendly": "Amical", "Formal": "Formel", "Casual": "Décontracté",
           "Urgent": "Urgent", "Frustrated": "Frustré", "Enthusiastic": "Enthousiaste"}
