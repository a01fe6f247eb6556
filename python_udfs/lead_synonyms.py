"""Synonym families added to the intent cues for unseen phrasings (merged into lead_lexicons.INTENT_CUES).

Written as families of stems and paraphrases in both languages (accent-folded) for the ways people
ask without the obvious keyword: "show us around" for a demo, "joignable au" for a callback,
"can't log in" for account access... Same weights as lead_lexicons: 1 ordinary, 2 names the
intent, 3 unmistakable.

Priority between near-synonym intents comes from the weights (the strongest cue wins, then the
trained model breaks what is left of a tie):
- Quote Request (a written/costed offer: devis, quote, PO) > Pricing Inquiry (how much, plans)
  > Sales Inquiry (buying or rolling out, talk to sales) > Product Information (can it do X)
  > Information Request (send me documentation) > General Inquiry (about the company).
- Technical Issue (something is broken: error, crash, not loading) > Support Request (how do I).
- Callback Request (phone me) > Appointment Booking (a fixed date/slot/meeting)
  > Consultation Request (expert advice, audit).
"""

SYNONYM_CUES: dict[str, list[tuple[str, float]]] = {
    "Sales Inquiry": [
        (r"(prendre|adopter|choisir) votre (systeme|solution|logiciel|outil|plateforme)|"
         r"looking at your (software|product|platform|tool|system|solution)|(how (do i|to|would we)|"
         r"comment (faire )?pour) (order|commander|buy|acheter)", 1.5),
        (r"demarche d'achat|processus d'achat|buying process|(etudions|comparons) plusieurs|"
         r"look(ing)? into your (platform|tool|product)", 2),
        (r"next step|get this moving|retenu notre attention|caught our (attention|eye)", 1.5),
        (r"talk to (sales|someone about (buying|purchasing))|equiper (nos|notre|toute)|roll (it )?out (to|across)", 2),
        (r"deploy(er)? (for|across|pour|sur) (our|nos|notre|the whole)|licences? pour (notre|nos)|"
         r"for our (whole )?team", 1),
    ],
    "Quote Request": [
        (r"offre chiffree|meilleure offre|costed (proposal|offer)|appel d'offres?|\btender\b|\brfp\b|\brfq\b", 3),
        (r"custom (offer|pricing|quote)|sur mesure|estimation|estimatif|chiffrer|proposition (chiffree|de prix)", 1.5),
    ],
    "Pricing Inquiry": [
        (r"add-?on|option payante|(its|their) own fee|extra (cost|fee)|en supplement|plans? include", 2),
        (r"tarification|grille tarifaire|price list|what (does|would) it cost|combien (ca|cela) (coute|couterait)", 2),
        (r"subscription (cost|fee|price)|\bfees?\b|\bfrais\b|\bbudget\b|cheaper|moins cher|plans? (and|&) pric", 1),
    ],
    "Demo Request": [
        (r"run-?through|live run|walk-?through", 2.5),
        (r"walk [a-z ]{0,30} through|faire le tour de", 2.5),
        (r"see (it|the (product|tool|platform|software)|your (product|tool|platform|software)) (in action|"
         r"live|working)", 2.5),
        (r"voir (l'outil|la solution|le produit|votre (outil|solution|plateforme|logiciel|"
         r"produit)) (en action|fonctionner|tourner)", 2.5),
        (r"(guided|product|quick) tour|visite guidee|screen ?shar|partage d'ecran|montrez-nous|presentez-nous", 2),
        (r"show (us|me) (around|what|the (tool|platform|product|features))|take a look at (the|"
         r"your) (tool|platform)", 2),
        (r"\bdemonstrat|\bdemo(nstration)? (of|de)|presentation (en ligne|live|en direct) de", 1.5),
    ],
    "Product Information": [
        (r"existe(-t-il)? en|exist in|available in (black|white|other|another|several)|comes? in (black|white|"
         r"other|several|different)|\bwarranty\b|\bla garantie\b|is (it|the \w+) (waterproof|compatible|"
         r"available)", 2),
        (r"propose-t-(il|elle)|peut-on|can (i|we) (use|connect|export|import|customi[sz]e)|"
         r"is it possible to|connecteur|connector", 1.5),
        (r"does (it|your (tool|platform|software|product)) (have|offer|include|allow)", 2),
    ],
    "B2B Partnership": [
        (r"synerg|complementar|alliance|co-?brand|cross-?promot|integration partner|joint (venture|webinar|offer)", 2),
    ],
    "Reseller Inquiry": [
        (r"wholesale|en gros|\bgrossiste|stock (them|your|it)|sell (them|it|your \w+) (in|at|to) (my|our)|"
         r"vendre vos (produits|\w+) dans|revente", 2.5),
        (r"\bchannel\b|add your (product|tool|software) to our|notre catalogue|our catalogu", 2.5),
        (r"revendre|vendre (votre|vos) (solution|logiciel|outil|produit)|sell your (product|software|tool|"
         r"solution)", 2.5),
        (r"commercialiser (votre|vos)|partner program|programme (revendeur|partenaire)|affiliat|affili", 1.5),
        (r"(to|a|aupres de) (our|nos) (clients|customers)", 1),
    ],
    "Sponsorship Request": [
        (r"(partners|sponsors) to (cover|fund)|cover the (venue|costs)|networking (night|evening)|"
         r"prendre en charge (la salle|les frais)", 2.5),
        (r"soutien financier|financial support|nonprofit|non-profit|\bong\b|tournoi|tournament|marathon|"
         r"\becole\b|school", 1.5),
    ],
    "Support Request": [
        (r"can'?t figure out|i don'?t know how|je ne sais pas comment|je n'arrive pas a trouver comment|"
         r"point me in the right direction|(show|tell) me how to|me dire comment", 2),
        (r"(right|best) way to|la marche a suivre|je ne vois pas (ou|comment)|i can'?t see (where|how)|"
         r"\bmerge\b|fusionner", 2),
        (r"question d'utilisation|comment (on|je) (fait|fais)|how (does|do) (i|we|one) go about", 1.5),
        (r"(can|could) you help (me|us)|pourriez-vous m'aider|pouvez-vous (m'aider|nous aider)|"
         r"how does (one|it) work", 1.5),
        (r"je n'arrive pas a (trouver|comprendre)|i don'?t understand how|je ne comprends pas comment", 1.5),
        (r"how (do|can|should) (i|we) (add|import|export|change|connect|create|use|set)", 1),
    ],
    "Technical Issue": [
        (r"since (last night|yesterday|this morning)|depuis (hier|ce matin|cette nuit)|\bcache\b|"
         r"even though we updated", 1.5),
        (r"\bthrows\b|renvoie une erreur|\b40[0-9]\b|unauthori[sz]ed|not updating|ne se met(tent)? (pas|"
         r"plus) a jour", 2),
        (r"wrong (numbers|data|totals)|(don'?t|does not|doesn'?t) (match|add up)|ne correspond(ent)? pas", 1.5),
        (r"(can'?t|cannot|unable to) load|\\btypo\\b|coquille|faute de frappe|ne tien(t|nent) pas compte|incoheren", 2),
        (r"bogue|\bbeug|plantage|\bplante(nt)?\b|ne repond (plus|pas)|unresponsive|reste bloque|\bstuck\b", 2),
        (r"message d'erreur|error message|code d'erreur|error code|doesn'?t (load|open|save|sync)|"
         r"won'?t (open|save|sync)", 2),
    ],
    "Account Access": [
        (r"two[- ]step|2-step|double authentification|stuck outside|get back in|regain access|"
         r"recuperer (les droits|l'acces|mon acces)", 2.5),
        (r"(admin|administrat(eur|rice|or)) (a quitte|left|has left)|droits sur", 2),
        (r"can'?t (log|sign) ?in|cannot (log|sign) ?in|unable to (log|sign|access)|impossible de (me |"
         r"se )?(connecter|acceder)", 3),
        (r"\bmdp\b|passwd|forgot (my|the)|oublie (mon|le)|verrouill|compte (bloque|suspendu|desactive)", 2),
        (r"account (is )?(locked|suspended|disabled|blocked)|\blogin\b|connexion|magic link|"
         r"lien (de connexion|d'activation)", 1.5),
        (r"activation (link|email)|code (never|isn'?t|not) (arriv|receiv)|ne recois pas le code", 1.5),
    ],
    "Billing Question": [
        (r"(card|carte)( a ete| was)? (debite|charged)|debitee? de|charged \$?\d|\bau lieu de\b.{0,15}\d|"
         r"instead of \$?\d|(mon|my) (releve|statement)", 1.5),
        (r"card (was |is )?declined|carte (a ete )?refusee|how (do|can) (we|i) pay|comment (payer|regler)", 2.5),
        (r"payment (failed|declined)|carte (refusee|bancaire)|credit card|(change|update) (my|our|"
         r"the) (card|payment)", 2),
        (r"coordonnees bancaires|adresse de facturation|billing address|\bsiret\b|purchase order number|"
         r"bank details", 2),
    ],
    "Refund Request": [
        (r"charge (reversed|refunded)|(reverse|cancel) (this|the) (charge|payment)|(want|need) (my|our) money|"
         r"recuperer (mon|notre) argent", 2.5),
        (r"reimburs|rembourse|get (my|our) money|pay (me|us) back|restitu|trop[- ]percu|overcharg", 2.5),
        (r"(charged|billed|debited|preleves?|factures?) (twice|two times|deux fois|en double)|"
         r"double (charge|debit|prelevement)", 2),
    ],
    "Complaint": [
        (r"frustrat|nobody reads|personne ne lit|same (issue|problem) (to|again)|meme probleme|(four|"
         r"three|plusieurs|trois|quatre) (different|fois)", 2),
        (r"not how (a|an|we)|cancelled on us|without (any )?notice|sans prevenir|service payant|paying customer", 2),
        (r"pas normal|very poor|tres mauvais|\brude\b|impoli|deplorable|inadmissible|aucun suivi|no follow-?up", 2),
        (r"no one (has )?(answered|responded|got back)|personne ne m'a (repondu|rappele)|pas serieux|"
         r"unprofessional", 2),
    ],
    "Cancellation Request": [
        (r"(ne pas|ne) (reconduire|prolonger|renouveler)|(prolongerons|reconduirons|renouvellerons) pas|"
         r"reconduction", 2.5),
        (r"(close|end|stop|terminate) (our|my|the) (subscription|plan|contract)|winding down|won'?t be renewing", 2.5),
        (r"stop (paying|using)|ne souhaitons plus|ne souhaite plus|no longer (need|want|wish)|plus besoin de", 2),
        (r"arreter (mon|notre|l') ?abonnement|end (my|our|the) (plan|subscription)|close (our|the) account", 2),
    ],
    "Customer Feedback": [
        (r"would be lovely|one small thing|petite remarque|quelques remarques|loving (the|it|your)|"
         r"mériteraient|meriteraient", 1.5),
        (r"just wanted to share|je voulais partager|a few thoughts|quelques remarques|notre experience|"
         r"our experience", 1.5),
        (r"super outil|great tool|ce serait (bien|top|genial)|it would be (great|nice)|on adore|j'adore", 1.5),
    ],
    "Appointment Booking": [
        (r"(une|a) place (aujourd'hui|demain|cette semaine|libre)|(an|a) (opening|spot|slot) (today|tomorrow|"
         r"this week|available)|disponibilites?|availability|(prendre|avoir) (un )?rendez|see (a|the) (dentist|"
         r"doctor)|voir (le|un|une) (dentiste|medecin)", 2),
        (r"meet (at|in) your (office|offices)|could we meet|pourrions-nous nous (voir|rencontrer)|"
         r"i'?ll be in [a-z]+ on", 2.5),
        (r"prendre (un )?rendez|book (a|an|some) (time|slot)|disponibilites|\bin person\b|en personne|face to face", 2),
        (r"disponible (lundi|mardi|mercredi|jeudi|vendredi|la semaine|le \d)|free (on|next) (monday|"
         r"tuesday|wednesday|thursday|friday|week)", 1.5),
    ],
    "Consultation Request": [
        (r"(un|votre) avis (d'ici|sur|avant)|(review|look over|relire|reviser|revise) (the|my|our|le|mon|"
         r"notre)? ?(contract|contrat|plan|documents?)|talk it through|what'?s possible|en discuter avec (un|"
         r"une|quelqu'un)", 2),
        (r"what would you (recommend|advise)|que (nous )?conseillez-vous|besoin d'un avis|advise (us|me)|advisory", 2),
        (r"analyse de (notre|nos)|review (our|my) (setup|funnel|pipeline)|best practices|bonnes pratiques", 1.5),
    ],
    "Callback Request": [
        (r"de vive voix|(me|nous) joindre|reach (me|us)\b|speak (on|over) the phone", 2.5),
        (r"call (me|us) back|call ?back|rappelez-(moi|nous)|me rappeler|nous rappeler|recontacter par telephone", 3),
        (r"joignable|reachable|available (by|on the) phone|disponible (par|au) telephone", 2.5),
        (r"(can|could) (you|someone) (call|phone|ring)|pouvez-vous (m'appeler|nous appeler|me telephoner)", 2.5),
        (r"m'appeler|nous appeler|m'appelle[rz]|\bappel telephonique\b|\b(mobile|portable|cell)\b", 1.5),
    ],
    "Job Application": [
        (r"mon profil|my profile|be considered for|(roles?|positions?|postes?) (you have|disponibles)", 2),
        (r"my (cv|resume)|mon (cv|curriculum)|ci-joint mon|looking for (a job|work|an internship)|"
         r"recherche (d'un|un) (emploi|poste|stage)", 2.5),
        (r"candidature spontanee|spontaneous application|open positions?|postes? (ouverts?|a pourvoir)|"
         r"vacanc(y|ies)", 2.5),
    ],
    "Media Inquiry": [
        (r"\bprofiling\b|(our|the) next issue|prochain numero|\bportrait\b|feature (on|about)", 2.5),
        (r"bouclons|bouclage|on deadline|edition|\\bcitation\\b|\\bquote\\b from", 2),
        (r"writing (a|an) (feature|piece|story|column)|quotes? from (your|the) (ceo|founder|team)", 2.5),
        (r"writing (a|an) (piece|story|article)|ecri(s|t|vons) un (article|papier|dossier)|redact(eur|"
         r"ion)|\beditor\b|\bjournal\b", 2),
        (r"quote you|vous citer|for (our|a) (story|publication|readers)|nos lecteurs|our readers", 1.5),
    ],
    "Vendor Offer": [
        (r"je (pourrais|peux) vous proposer|(i'?d|we'?d) like to offer (you|your)|we('re|"
         r" are) an? [a-z -]{0,30}(provider|agency|firm|studio|company) (offering|that|and we)|"
         r"offering (a )?free (assessment|audit|trial)|(free|gratuit) (security )?(assessment|audit)|graphiste|"
         r"freelance|pigiste|refonte", 2),
        (r"we (clean|deduplicate|migrate|enrich) |free sample|echantillon gratuit|essai offert|would (a|"
         r"an) [a-z0-9, ]{0,40} interest you", 2),
        (r"nos tarifs|our rates|our pricing|tailored proposal|proposition personnalisee|"
         r"agence de [a-z]+ specialisee", 2.5),
        (r"(could|can) (cut|reduce|lower) your|reduire vos|nous pouvons (vous|localiser|traduire|creer|"
         r"developper)|our managed", 2),
        (r"we'?re an? [a-z -]{0,30}(agency|firm|consultancy|studio) (helping|that helps)|could i send (over|you)", 2),
        (r"would you be interested in our|seriez-vous interesse(s)? par (nos|notre)|vous proposer (nos|notre)", 2),
        (r"we are (an?|the) (agency|company|firm|team) (that|which|specialized|specialising)|"
         r"nous sommes une (agence|societe|entreprise)", 1.5),
    ],
    "General Inquiry": [
        (r"are you open|etes-vous ouverts?|ouvert(s)? (le|les|on|pendant)|opening (hours|times)|horaires|"
         r"stationnement|\bparking\b|where (are you|is your office)|votre adresse|accessible (en|by)", 2),
        (r"depuis combien de temps|how long have you|combien de clients|how many (customers|clients|employees)", 2),
        (r"who'?s behind|qui (est|se cache) derriere|(french|british|american) company|societe francaise", 2),
        (r"i have a question|j'ai une question|par curiosite|i was wondering|je me demandais", 1.5),
    ],
    "Information Request": [
        (r"obtenir (le|la|les|une copie)|a copy of|proces-verbal|\bminutes of\b|marche a suivre|"
         r"procedure (a suivre|for)", 1.5),
        (r"\bdeck\b|one[- ]pager|documentation commerciale|overview|forward (it )?to|faire suivre", 2),
        (r"en savoir plus|learn more|send (me|us) (some|more|your) (info|details|documentation|brochure)", 2),
        (r"fiche technique|datasheet|white ?paper|livre blanc|infos?\b", 1),
    ],
    "Event Inquiry": [
        (r"vous organisez|do you (still )?(host|organi[sz]e|run|hold)|(will|is) (there|the) (be )?(a|an|"
         r"your) [a-z ]{0,20}(day|night|fair|festival)|journee (portes ouvertes|decouverte)|festival", 1.5),
        (r"roundtable|table ronde|matinee (decouverte|d'information)|petit-dejeuner|breakfast|sign up for|"
         r"s'inscrire", 2),
        (r"open to (prospects|the public|everyone)|ouverte? (aux|au) (prospects|public)|venir avec", 1.5),
        (r"\btickets? (for|to)\b|billets?|places? (disponibles|restantes)|seats? (left|available) (for|at) the|"
         r"agenda of the (event|day)", 1.5),
        (r"(your|votre|vos) (next )?(event|evenement|seminaire|seminar|masterclass)", 2),
    ],
    "Other": [
        (r"(i|we) found (a|an|your)|j'ai trouve (un|une)|lost (and found|property)|objets? (perdus?|trouves?)|"
         r"not sure (this is|if this is) the right|wrong (place|address)|questionnaire|\bsurvey\b|sondage|"
         r"travail de session|school project|(etudiante?|student) (en|in|at|doing)", 2),
        (r"^\W*(hello|hi|allo|bonjour|salut|hey)\W*$", 3),
        (r"disregard|ne pas tenir compte (de ce|du) message|form check|test du formulaire", 3),
        (r"(envoye|sent) (par erreur|by mistake|to the wrong)|message envoye par erreur", 3),
        (r"wrong (form|address|company|person)|mauvais (formulaire|destinataire)|by mistake,? (sorry|"
         r"ignore)|erreur de destinataire", 2),
    ],
    "Spam": [
        (r"(compte|account) (sera|will be) (suspendu|suspended|closed|ferme)|(confirm|verify|confirmez|"
         r"verifiez) (vos|your) (informations|details|account|compte|coordonnees) (bancaires|banking|bank)?|"
         r"informations bancaires|banking details|methode secrete|secret method|sans experience|"
         r"no experience (needed|required)|par semaine depuis chez vous", 3),
        (r"earn \$|gagner de l'argent|make money|buy followers|followers|\bloan\b|\bpret rapide\b", 2.5),
    ],
}
