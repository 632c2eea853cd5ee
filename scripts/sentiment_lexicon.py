"""The lexicon and phrase lists behind scripts/make_sentiment_data.py.

Notation, to keep the lists short and readable:
  nouns       "soup" a countable noun, "chips+" a plural one, "food~" a mass noun (no "a"),
              "barry@" a name (no determiner); "_" stands for a space ("vacuum_cleaner").
  adjectives  "delicious!" an extreme adjective (takes "absolutely", not "very"); "_" a space.
Each domain is a list of groups: nouns that share the adjectives that suit them, so the soup
can be cold and the staff rude, never the other way round.
"""

from __future__ import annotations

# Intensifiers: "very" etc. go with gradable adjectives, "absolutely" etc. with extreme ones.
GRADABLE_INTENSIFIERS = ["very", "really", "so", "quite", "pretty", "extremely", "incredibly", "super"]
EXTREME_INTENSIFIERS = ["absolutely", "really", "really", "so", "truly"]
TOO_MODIFIERS = ["", "", "", "far ", "way ", "a bit ", "much ", "just "]

# Adjectives shared by every domain (each group adds its own).
COMMON_POS = "good great! lovely brilliant! amazing! excellent! fantastic! wonderful! superb! perfect! nice outstanding! awesome!"
COMMON_NEG = "bad terrible! awful! horrible! dreadful! poor disappointing rubbish appalling! mediocre"

DOMAINS: dict[str, dict] = {
    "food": {
        "groups": [
            {"nouns": "soup stew curry broth~ chowder",
             "pos": "delicious! tasty hot rich hearty yummy gorgeous!", "neg": "cold watery lukewarm bland tasteless salty disgusting! inedible!",
             "too": "salty spicy cold watery thin"},
            {"nouns": "pizza pasta steak burger lasagne risotto chicken~ fish~ noodles+ omelette",
             "pos": "delicious! tasty fresh yummy gorgeous! cooked_perfectly", "neg": "overcooked dry bland greasy tasteless disgusting! inedible! burnt cold",
             "too": "salty greasy dry spicy rich"},
            {"nouns": "chips+ fries+ toast~ roast_potatoes+",
             "pos": "crispy hot delicious! tasty golden", "neg": "soggy cold burnt greasy limp", "too": "salty greasy"},
            {"nouns": "cake bread~ croissant pie dessert cookies+ pastries+ muffin",
             "pos": "delicious! fresh tasty yummy heavenly! moist", "neg": "stale dry bland disgusting! tasteless hard",
             "too": "sweet dry rich"},
            {"nouns": "coffee~ tea~ hot_chocolate~",
             "pos": "delicious! hot strong lovely smooth", "neg": "weak bitter lukewarm cold watery disgusting!", "too": "weak bitter sweet"},
            {"nouns": "food~ meal dinner lunch breakfast brunch",
             "pos": "delicious! tasty fresh yummy gorgeous!", "neg": "bland tasteless cold disgusting! inedible! greasy",
             "too": "salty greasy spicy", "verbs": True},
        ],
        "det": "the the the this my our",
        "experience": "had eaten tasted",
        "again": ("eat here again", "come back here again"),
        "verb_ok": True,
        "worth": "money",
        "phrases": {
            1: ["i would eat here again", "we will definitely come back for the food", "the portions were generous",
                "i cleared my plate", "i would order it again", "the chef really knows what he is doing",
                "every dish was a treat", "we could not stop eating", "my compliments to the chef"],
            0: ["i will never eat here again", "the portions were tiny", "it made me feel sick",
                "i sent my plate back", "there was a hair in my soup", "i left most of it on my plate",
                "the kitchen got our order wrong", "we should have eaten at home", "nothing on the menu was any good"],
        },
        "scenes": ["we tried the new place on the corner", "we went out for dinner", "we had lunch in town", "we ate at the hotel", "we went to the italian place"],
    },
    "films": {
        "groups": [
            {"nouns": "film movie documentary thriller comedy series show cartoon sequel",
             "pos": "gripping moving funny clever exciting entertaining enjoyable beautiful stunning! hilarious! touching powerful fun charming thrilling",
             "neg": "boring dull slow predictable silly pointless confusing weak tedious forgettable cheesy overrated",
             "too": "long slow violent silly predictable", "verbs": True},
            {"nouns": "plot ending story script twist",
             "pos": "clever gripping moving surprising brilliant! original satisfying", "neg": "predictable confusing silly weak dull pointless ridiculous",
             "too": "predictable silly obvious"},
            {"nouns": "acting~ cast lead_actor performance",
             "pos": "convincing brilliant! superb! strong believable", "neg": "wooden weak unconvincing flat stiff",
             "too": "stiff over_the_top"},
        ],
        "det": "the the this",
        "experience": "seen watched",
        "again": ("watch it again", "see it again"),
        "verb_ok": True,
        "worth": "time",
        "phrases": {
            1: ["i would watch it again", "i laughed the whole way through", "i was on the edge of my seat",
                "it was worth the ticket", "i want to see it again", "the whole cinema clapped at the end",
                "the two hours flew by", "i have already watched it twice"],
            0: ["i fell asleep halfway through", "i want my money back", "we left before the end",
                "i kept checking my watch", "i switched it off after ten minutes", "the two hours felt like five",
                "nobody laughed at the jokes", "i regret paying to see it"],
        },
        "scenes": ["we went to the cinema", "we watched a film last night", "i went to see the new film", "we had a movie night"],
    },
    "books": {
        "groups": [
            {"nouns": "book novel biography memoir textbook cookbook story_collection",
             "pos": "gripping moving beautiful fascinating clever funny enjoyable interesting inspiring charming well_written powerful",
             "neg": "boring dull slow predictable confusing tedious badly_written pointless forgettable depressing silly",
             "too": "long slow dense wordy short", "verbs": True},
            {"nouns": "story ending chapter poem characters+ writing~",
             "pos": "beautiful moving clever gripping lovely fascinating", "neg": "dull predictable flat confusing weak boring",
             "too": "long predictable slow"},
        ],
        "det": "the the this my",
        "experience": "read",
        "again": ("read it again", "read it again"),
        "verb_ok": True,
        "worth": "time",
        "phrases": {
            1: ["i could not stop reading", "i read it in one sitting", "i stayed up all night reading it",
                "i will read it again", "i want to read everything she has written", "i was hooked from the first page",
                "i finished it in a weekend"],
            0: ["i gave up after two chapters", "i did not finish it", "i had to force myself to finish it",
                "i kept falling asleep while reading it", "i gave it away after a week", "nothing happens in it",
                "i could not get into it"],
        },
        "scenes": ["i took a book on holiday", "i borrowed a novel from the library", "my book club picked a new book"],
    },
    "classes": {
        "groups": [
            {"nouns": "lecture class course lesson seminar tutorial workshop module",
             "pos": "interesting useful clear helpful fun engaging inspiring fascinating informative enjoyable well_organised",
             "neg": "boring dull confusing useless pointless tedious disorganised rushed unclear hard_to_follow",
             "too": "long fast rushed hard early", "verbs": True},
            {"nouns": "exam test quiz homework~ assignment", "common_pos": "good fine okay", "common_neg": "bad terrible! awful! horrible!",
             "pos": "fair easy fine manageable straightforward", "neg": "unfair impossible! confusing pointless hard",
             "too": "hard long difficult"},
            {"nouns": "slides+ notes+ examples+ reading_list", "common_pos": "good great! excellent! brilliant!", "common_neg": "bad terrible! awful! poor",
             "pos": "clear helpful useful great excellent!", "neg": "confusing messy useless unclear",
             "too": "long dense"},
        ],
        "det": "the the this today's our",
        "experience": "attended had",
        "again": ("take it again", "sign up for it again"),
        "verb_ok": True,
        "worth": "time",
        "phrases": {
            1: ["i learned so much", "i would take this course again", "everyone stayed behind to ask questions",
                "it finally made sense to me", "the hour went by so fast", "i understood everything for once",
                "i look forward to it every week"],
            0: ["i learned nothing", "i wish i had skipped it", "half the class fell asleep",
                "i could not follow any of it", "nobody understood a word", "it was a waste of a morning",
                "i dread it every week"],
        },
        "scenes": ["i went to my first lecture", "we had a guest speaker", "i started a new course", "we had our first seminar"],
    },
    "hotels": {
        "groups": [
            {"nouns": "hotel hostel apartment guest_house place room suite",
             "pos": "clean comfortable quiet modern cosy spotless! beautiful charming well_kept",
             "neg": "dirty noisy filthy! shabby run_down cramped tired overpriced damp smelly",
             "too": "small noisy hot cold expensive dark", "verbs": True},
            {"nouns": "bed pillows+ mattress",
             "pos": "comfortable soft cosy comfy", "neg": "uncomfortable lumpy hard dirty", "too": "hard soft small"},
            {"nouns": "bathroom shower",
             "pos": "clean spotless! modern lovely", "neg": "dirty filthy! mouldy smelly broken", "too": "small cold"},
            {"nouns": "view",
             "pos": "stunning! beautiful gorgeous! breathtaking!", "neg": "ugly depressing grim", "too": ""},
            {"nouns": "pool spa gym",
             "pos": "clean lovely warm relaxing", "neg": "dirty cold crowded tiny", "too": "cold crowded small"},
        ],
        "det": "the the our this",
        "experience": "stayed_in stayed_at",
        "again": ("stay there again", "stay here again"),
        "verb_ok": True,
        "worth": "money",
        "phrases": {
            1: ["we slept really well", "i would stay here again", "we felt at home straight away",
                "they upgraded us to a suite", "we did not want to leave", "the room was ready when we arrived",
                "there were fresh towels every day"],
            0: ["we barely slept", "we checked out a day early", "the room smelled of smoke",
                "there was no hot water", "we found mould in the bathroom", "the lift was broken all week",
                "the room was nothing like the photos"],
        },
        "scenes": ["we stayed in a hotel in madrid", "we booked a room by the sea", "we spent a week in a hostel", "we stayed two nights in berlin"],
    },
    "travel": {
        "groups": [
            {"nouns": "trip holiday journey tour cruise road_trip weekend_away", "tense": "past",
             "pos": "relaxing fun unforgettable! exciting incredible! beautiful memorable", "neg": "exhausting stressful boring miserable tiring",
             "too": "short long expensive rushed", "verbs": True},
            {"nouns": "flight train bus ferry taxi_ride drive", "tense": "past",
             "pos": "smooth comfortable quick pleasant easy on_time", "neg": "late delayed crowded uncomfortable bumpy slow packed stressful",
             "too": "long slow crowded"},
            {"nouns": "beach city town island village old_town",
             "pos": "stunning! beautiful charming clean peaceful quiet gorgeous! lively", "neg": "dirty crowded ugly noisy dull grim",
             "too": "crowded busy touristy"},
            {"nouns": "airport station",
             "pos": "clean modern quiet easy", "neg": "chaotic crowded dirty confusing", "too": "busy crowded"},
        ],
        "det": "the the our this",
        "experience": "been_on taken had",
        "again": ("go back there again", "do it again"),
        "verb_ok": True,
        "worth": "money",
        "phrases": {
            1: ["we had the time of our lives", "i cannot wait to go back", "everything went smoothly",
                "we saw so many beautiful places", "it was the holiday of a lifetime", "we got there early",
                "the locals were so welcoming"],
            0: ["we missed our connection", "they lost our luggage", "we spent the whole day waiting",
                "everything that could go wrong went wrong", "we were stuck at the airport all night",
                "i was glad to get home", "the whole trip was a nightmare"],
        },
        "scenes": ["we went to scotland", "we flew to paris", "we spent a week in greece", "we took the train to edinburgh"],
    },
    "weather": {
        "groups": [
            {"nouns": "weather~",
             "pos": "gorgeous! glorious! sunny warm mild bright clear pleasant lovely fine",
             "neg": "miserable gloomy grey cold freezing wet rainy stormy foggy windy dull bleak chilly",
             "too": "hot cold windy humid wet", "verbs": True},
            {"nouns": "day morning afternoon evening weekend summer", "det": "the", "tense": "past",
             "pos": "gorgeous! glorious! sunny warm mild bright clear", "neg": "miserable gloomy grey cold freezing wet rainy stormy bleak",
             "too": "hot cold wet"},
        ],
        "det": "the the this",
        "common_pos": "lovely great wonderful! fantastic! perfect! nice amazing! beautiful good",
        "common_neg": "terrible! awful! horrible! dreadful! rubbish bad",
        "experience": "had",
        "again": None,
        "verb_ok": False,
        "worth": None,
        "it_adjs": {1: "sunny warm lovely beautiful gorgeous! mild bright glorious", 0: "cold freezing wet rainy windy grey miserable horrible foggy stormy"},
        "it_times": ["all day", "this morning", "all week", "at the weekend", "yesterday", "all afternoon", "on our day off"],
        "phrases": {
            1: ["the sun was shining all day", "we had blue skies all week", "it was perfect beach weather",
                "the sun finally came out", "it was warm enough to eat outside", "the rain stopped just in time",
                "we had sunshine every day", "what a glorious day"],
            0: ["it rained all week", "it poured all afternoon", "it snowed and the roads were icy",
                "we got soaked on the way home", "the wind nearly blew me over", "it has not stopped raining",
                "the rain ruined our picnic", "it was grey and wet all weekend"],
        },
        "scenes": ["we went for a walk", "we went to the beach", "we had a barbecue", "we went camping"],
    },
    "games": {
        "groups": [
            {"nouns": "game video_game board_game puzzle_game quiz",
             "pos": "fun addictive exciting clever entertaining enjoyable relaxing", "neg": "boring dull frustrating buggy broken repetitive pointless unfair tedious glitchy",
             "too": "easy hard short repetitive expensive", "verbs": True},
            {"nouns": "match final race", "tense": "past", "exp": "watched seen",
             "pos": "exciting thrilling tense gripping fun", "neg": "boring dull one_sided scrappy slow tedious",
             "too": "one_sided long slow"},
            {"nouns": "controls+", "pos": "smooth responsive simple intuitive", "neg": "clunky awkward confusing unresponsive",
             "too": "sensitive fiddly"},
            {"nouns": "graphics+", "pos": "stunning! beautiful gorgeous! sharp", "neg": "ugly dated blurry", "too": "dark"},
            {"nouns": "levels+ missions+ puzzles+", "pos": "clever varied fun", "neg": "repetitive boring frustrating unfair",
             "too": "easy hard repetitive"},
        ],
        "det": "the the this",
        "experience": "played",
        "again": ("play it again", "play it again"),
        "verb_ok": True,
        "worth": "money",
        "phrases": {
            1: ["i could play it for hours", "i keep coming back to it", "we played until midnight",
                "i finished it in two days because i could not stop", "the whole family loves playing it",
                "every level feels new", "we won in the last minute"],
            0: ["i deleted it after a day", "it crashes all the time", "i got bored after ten minutes",
                "it freezes every few minutes", "you have to pay for everything", "i asked for a refund",
                "we lost every single game"],
        },
        "scenes": ["i bought a new game", "we played a board game", "i downloaded a new puzzle game"],
    },
    "music": {
        "groups": [
            {"nouns": "song album track playlist record tune",
             "pos": "beautiful catchy gorgeous! relaxing uplifting moving cool", "neg": "boring dull annoying repetitive forgettable cheesy weak",
             "too": "long slow repetitive loud", "verbs": True},
            {"nouns": "concert gig festival show set", "tense": "past", "exp": "been_to",
             "pos": "incredible! unforgettable! fun electric", "neg": "boring chaotic overpriced crowded",
             "too": "short loud crowded expensive", "verbs": True},
            {"nouns": "singer band drummer guitarist pianist choir",
             "pos": "talented incredible! superb!", "neg": "sloppy out_of_tune boring weak flat",
             "too": "loud quiet slow"},
            {"nouns": "music~ voice lyrics+ sound~",
             "pos": "beautiful lovely relaxing gorgeous! moving clear", "neg": "annoying boring grating muddy flat",
             "too": "loud quiet repetitive"},
        ],
        "det": "the the this",
        "experience": "heard",
        "again": ("listen to it again", "go and see them again"),
        "verb_ok": True,
        "worth": "money",
        "phrases": {
            1: ["i have had it on repeat all week", "we danced all night", "the crowd sang every word",
                "i got goosebumps", "i cannot stop listening to it", "they played all my favourites",
                "i could listen to her all day"],
            0: ["i turned it off after a minute", "we left before the end", "i could not hear the singer at all",
                "they played for twenty minutes and left", "the sound kept cutting out", "i skip it every time it comes on",
                "it gives me a headache"],
        },
        "scenes": ["we went to a concert", "i listened to the new album", "we went to a festival", "i saw a band in the park"],
    },
    "service": {
        "groups": [
            {"nouns": "service~ customer_service~ room_service~ support~",
             "pos": "quick fast friendly helpful efficient attentive polite prompt", "neg": "slow rude unhelpful useless careless sloppy shocking!",
             "too": "slow"},
            {"nouns": "staff+ waiter waitress receptionist driver cashier shop_assistant bartender",
             "pos": "friendly helpful polite kind attentive welcoming efficient professional patient cheerful", "neg": "rude unhelpful slow lazy careless unfriendly grumpy useless impatient dismissive",
             "too": "busy slow pushy"},
            {"nouns": "delivery order repair refund", "tense": "past",
             "pos": "fast quick prompt smooth", "neg": "late slow wrong incomplete",
             "too": "slow late"},
        ],
        "det": "the the the our their",
        "experience": "had",
        "again": ("use them again", "go back there again"),
        "verb_ok": False,
        "worth": None,
        "phrases": {
            1: ["they sorted out the problem in minutes", "they went out of their way to help",
                "they refunded me straight away", "nothing was too much trouble", "they remembered our names",
                "we were looked after so well", "they called me back within the hour"],
            0: ["nobody helped us", "they never called me back", "we were kept waiting for ages",
                "they hung up on me", "nobody said sorry", "they charged us twice", "i was on hold for an hour"],
        },
        "scenes": ["we went to the bank", "i called the helpline", "we went to a restaurant", "i took my car to the garage"],
    },
    "products": {
        "groups": [
            {"nouns": "phone laptop tablet camera speaker watch keyboard headphones+ printer tv",
             "pos": "fast reliable sleek light solid handy impressive easy_to_use", "neg": "slow useless faulty unreliable flimsy buggy overpriced clunky",
             "too": "heavy expensive slow small big", "verbs": True},
            {"nouns": "shoes+ jacket coat backpack jeans+ boots+ dress",
             "pos": "comfortable warm stylish smart sturdy beautiful", "neg": "uncomfortable flimsy itchy scratchy badly_made ugly",
             "too": "tight small big heavy", "verbs": True},
            {"nouns": "kettle toaster blender vacuum_cleaner washing_machine fridge fan",
             "pos": "reliable quiet efficient handy powerful", "neg": "noisy useless faulty unreliable flimsy leaky",
             "too": "noisy loud slow big"},
        ],
        "det": "the my this my_new our",
        "experience": "owned bought used",
        "again": ("buy it again", "buy another one"),
        "verb_ok": True,
        "worth": "money",
        "phrases": {
            1: ["it works like a charm", "i use it every day", "it does exactly what it says",
                "it still works like new after five years", "i would buy it again in a heartbeat",
                "it arrived quickly and works well", "it was a bargain"],
            0: ["it broke after a week", "it stopped working after a month", "i returned it the next day",
                "it fell apart in the wash", "it never worked properly", "it died after two days",
                "the battery lasts about an hour"],
        },
        "scenes": ["i bought a new phone", "i ordered a jacket online", "i got a new laptop", "we bought a new kettle"],
    },
    "people": {
        "groups": [
            {"nouns": "sister brother mum dad grandma uncle cousin flatmate", "det": "my my our", "exp": "",
             "pos": "kind friendly helpful generous funny patient sweet caring thoughtful honest supportive fun cheerful",
             "neg": "rude mean lazy selfish annoying grumpy nasty unkind impatient dishonest bossy moody",
             "too": "strict bossy loud", "verbs": True},
            {"nouns": "teacher boss neighbour friend roommate coach doctor colleague classmate landlord",
             "pos": "kind friendly helpful generous funny patient sweet caring thoughtful honest supportive fun cheerful polite",
             "neg": "rude mean lazy selfish annoying grumpy nasty unfriendly arrogant boring unkind impatient unhelpful dishonest bossy moody",
             "too": "strict bossy loud", "verbs": True},
            {"nouns": "kids+ neighbours+ parents+ classmates+ colleagues+ in_laws+",
             "pos": "kind friendly helpful generous funny lovely polite welcoming", "neg": "rude mean lazy selfish annoying nasty unfriendly noisy",
             "too": "noisy loud", "verbs": True},
            {"nouns": "barry@ sam@ maya@ tom@ nina@ jack@ lucy@ omar@", "exp": "",
             "pos": "kind friendly helpful generous funny patient sweet caring thoughtful honest", "neg": "rude mean lazy selfish annoying grumpy nasty arrogant bossy",
             "too": "bossy loud", "verbs": True},
        ],
        "det": "my my our the my_new",
        "common_pos": "good great lovely brilliant! amazing! wonderful! nice awesome! fantastic!",
        "common_neg": "horrible! awful! terrible! dreadful! unbearable!",
        "experience": "met had",
        "again": None,
        "verb_ok": True,
        "worth": None,
        "phrases": {
            1: ["she always makes me laugh", "he is always there for me", "they made us feel welcome",
                "she helped me move house", "he always has time for us", "she never forgets my birthday",
                "they are a joy to be around"],
            0: ["he never listens to anyone", "she always lets us down", "he shouts at everyone",
                "she never says thank you", "they never help with anything", "he takes credit for my work",
                "he is always late and never says sorry"],
        },
        "scenes": ["i met my new neighbours", "we had the family over", "i started a new job", "we went to a party"],
    },
}

# Scenes where two domains meet, for contrast: "the food was good but the service was slow".
RELATED = {
    "food": ["service", "hotels"], "films": ["music", "books"], "books": ["films"], "classes": ["people"],
    "hotels": ["service", "food", "travel"], "travel": ["weather", "hotels"], "weather": ["travel"],
    "games": ["music"], "music": ["people"], "service": ["food", "hotels", "products"],
    "products": ["service"], "people": ["classes", "service"],
}

# Verbs: (base, third person, past).
POS_VERBS = [("love", "loves", "loved"), ("like", "likes", "liked"), ("enjoy", "enjoys", "enjoyed"),
             ("adore", "adores", "adored"), ("really like", "really likes", "really liked")]
NEG_VERBS = [("hate", "hates", "hated"), ("dislike", "dislikes", "disliked"), ("can't stand", "can't stand", "couldn't stand"),
             ("cannot stand", "cannot stand", "could not stand"), ("really dislike", "really dislikes", "really disliked")]
PEOPLE_POS_VERBS = [("love", "loves", "loved"), ("like", "likes", "liked"), ("adore", "adores", "adored"), ("get on with", "gets on with", "got on with")]
PEOPLE_NEG_VERBS = [("hate", "hates", "hated"), ("dislike", "dislikes", "disliked"), ("can't stand", "can't stand", "couldn't stand")]

# Feelings about a thing: "i was disappointed with the hotel".
POS_FEELINGS = ["happy with", "pleased with", "impressed with", "impressed by", "delighted with", "thrilled with", "satisfied with"]
NEG_FEELINGS = ["unhappy with", "disappointed with", "disappointed by", "annoyed with", "frustrated with", "fed up with", "unimpressed with"]
BORED_BY = ["bored by"]  # only for things that can bore: films, books, classes, games, music

# Whole verdicts about any noun phrase.
POS_VERDICTS = ["{np} {be} worth every penny", "{np} {be} a real treat", "{np} made my day", "{np} {be} a joy",
                "{np} {be} a pleasant surprise", "i highly recommend {np}", "i would recommend {np}",
                "{np} {be} a breath of fresh air", "i was blown away by {np}", "{np} exceeded my expectations",
                "{np} {be} a dream", "{np} {be} top notch", "{np} {be} second to none", "i was pleasantly surprised by {np}"]
NEG_VERDICTS = ["{np} {be} a waste of {worth}", "{np} {be} a complete disaster", "{np} {be} a letdown",
                "{np} {be} a nightmare", "{np} {be} a rip off", "i would not recommend {np}", "i would never recommend {np}",
                "{np} {be} nothing special", "{np} {be} a huge disappointment", "{np} {be} a joke",
                "{np} fell short of my expectations", "{np} {be} not worth the {worth}", "{np} {be} a mess",
                "avoid {np} at all costs"]

# Negation of a verdict: the label flips.
NO_COMPLAINTS = ["i have no complaints about {np}", "i can't fault {np}", "i couldn't fault {np}",
                 "there was nothing wrong with {np}", "i could not find anything wrong with {np}"]
NOTHING_GOOD = ["there was nothing good about {np}", "i could not find anything good about {np}",
                "i have nothing nice to say about {np}", "{np} did nothing for me"]

# Neutral filler around a sentence: (words, which tenses it fits).
PREFIXES = [("honestly", "any"), ("to be honest", "any"), ("i think", "any"), ("i thought", "past"),
            ("i have to say", "any"), ("i must say", "any"), ("overall", "any"), ("in my opinion", "any"),
            ("well", "any"), ("yesterday", "past"), ("last night", "past"), ("this morning", "past"),
            ("my friend said", "past"), ("barry said", "past"), ("we both thought", "past"), ("in the end", "past"),
            ("on the whole", "any"), ("i feel like", "present"), ("my mum says", "present"), ("everyone agrees", "present")]
SUFFIXES = [("today", "any"), ("this time", "any"), ("to be honest", "any"),
            ("if i am honest", "any"), ("in my opinion", "any"), ("last time", "past"), ("these days", "present")]

# Contrast words: the clause after "but" decides; after "although", the main clause decides.
BUT_WORDS = ["but", "but", "but", "though", "however", "yet"]
ALTHOUGH_WORDS = ["although", "even though", "though", "while"]

# Everyday events: what happened, not an adjective ("we waited an hour for the food", "it broke
# after a week"). "1,3|" keeps a template to those noun groups of the domain; "{np}" is a noun
# phrase of the group, or (often) "it"/"they" when it opens the sentence. Past tense, so a verb
# never has to agree with its subject.
EVENTS: dict[str, dict[int, list[str]]] = {
    "food": {
        0: ["we waited an hour for {np}", "we waited ages for {np}", "{np} took forever to arrive", "{np} arrived cold",
            "{np} made me ill", "0,1,5|{np} made me sick", "1,2,3|{np} came out burnt", "i could not finish {np}",
            "0,1,5|{np} tasted of nothing", "i sent {np} back", "0,1,2,5|{np} was swimming in grease",
            "0,1,5|{np} gave me a stomach ache", "they forgot {np}", "0,1,5|{np} was half raw", "we never got {np}",
            "{np} cost a fortune and tasted awful", "0,1,5|{np} tasted like it came from a tin", "the waiter spilled {np} on me",
            "i left half of {np}", "0,1,5|{np} had gone off"],
        1: ["{np} came out quickly", "i ate every bite of {np}", "{np} tasted amazing", "3|{np} melted in my mouth",
            "{np} arrived hot and fresh", "0,5|{np} tasted just like home", "i went back for more {np}",
            "we all loved {np}", "{np} hit the spot", "i could eat {np} every day", "{np} was cooked to perfection",
            "we finished {np} in minutes", "they gave us extra {np} for free", "my kids ate all of {np}",
            "{np} was worth the wait", "i licked the plate clean"],
    },
    "films": {
        0: ["0|{np} dragged on forever", "0|i walked out of {np}", "0,1|{np} made no sense to me", "0|{np} bored me to tears",
            "0|i nearly fell asleep during {np}", "0|{np} put me to sleep", "1|{np} ruined the whole film",
            "0,1|{np} went nowhere", "2|{np} could not act at all", "0|i turned off {np} after ten minutes",
            "0|{np} wasted two hours of my life", "0|half the audience left during {np}"],
        1: ["0|{np} made me laugh out loud", "0|{np} had me in tears", "0,1|{np} kept me guessing", "0|i loved every minute of {np}",
            "1|{np} took my breath away", "0|{np} flew by", "2|{np} stole the show", "0|the audience cheered at the end of {np}",
            "0|{np} blew me away", "0|we watched {np} twice", "1|{np} surprised me", "0|{np} stayed with me for days"],
    },
    "books": {
        0: ["0|i gave up on {np} halfway through", "0,1|{np} dragged on and on", "0|{np} put me to sleep",
            "0|i could not get through {np}", "1|{np} went nowhere", "0|{np} bored me to tears", "1|{np} made no sense",
            "0|i nearly threw {np} across the room", "0|{np} took me months to finish"],
        1: ["0|i could not put {np} down", "0|{np} kept me up all night", "0,1|{np} made me cry", "0|i finished {np} in two days",
            "0|i read {np} in one go", "1|{np} took my breath away", "0|{np} changed the way i think",
            "0|{np} made me laugh", "0|i bought {np} for all my friends"],
    },
    "classes": {
        0: ["0|i learned nothing from {np}", "0|{np} went way over my head", "0|i fell asleep in {np}", "0|{np} dragged on forever",
            "1|i failed {np}", "0|the teacher rushed through {np}", "0|nobody understood {np}", "0|i left {np} more confused than before",
            "0|{np} wasted my whole morning", "1|{np} took me all weekend"],
        1: ["0|i learned a lot from {np}", "0|{np} flew by", "1|i passed {np} easily", "0|{np} really helped me",
            "0|everyone enjoyed {np}", "0,2|{np} made everything clear", "1|i got top marks in {np}",
            "0|i got so much out of {np}", "0|{np} opened my eyes"],
    },
    "hotels": {
        0: ["0|we waited an hour to check in", "0|{np} smelled of smoke", "0,2|{np} had mould on the walls", "2|{np} did not work",
            "0|we could not sleep in {np}", "0|the heating in {np} broke", "0|we found bugs in {np}", "0|{np!} overcharged us",
            "0|they gave away our room", "0|the noise kept us up all night", "2|{np} leaked all night",
            "0|{np!} lost our booking", "0|nobody cleaned {np} all week", "1|i woke up with a sore back"],
        1: ["0|we slept like babies", "0|{np!} upgraded us for free", "0|they let us check in early",
            "0|{np} felt like home", "0|we did not want to go home", "0|{np} had everything we needed",
            "0|we loved every minute in {np}", "0|{np!} gave us a free breakfast", "1|i slept better than at home",
            "3|{np} took our breath away"],
    },
    "travel": {
        0: ["1|{np} was cancelled", "1|{np} left two hours late", "1|we missed {np}", "1|we waited hours for {np}",
            "0|{np} was ruined by the rain", "1|{np} broke down on the motorway", "1|we were stuck on {np} for hours",
            "0|i got sick on {np}", "3|{np!} lost our bags", "0|everything went wrong on {np}", "1|{np} never turned up",
            "0|{np} cost us a fortune"],
        1: ["1|{np} left right on time", "1|{np} got us there early", "0|we had the best time on {np}",
            "0|everything went smoothly on {np}", "1|{np} was quick and easy", "0|we made so many memories on {np}",
            "2|we fell in love with {np}", "0|i came back from {np} so relaxed", "0|{np} went perfectly",
            "2|we want to go back to {np}"],
    },
    "weather": {
        0: ["it rained all day", "it poured the whole time", "we got soaked", "it never stopped raining",
            "1|the rain ruined {np}", "the storm kept us inside", "1|{np} was a washout", "the wind was howling all night",
            "we were freezing all day", "it snowed and everything was closed"],
        1: ["the sun shone all day", "1|{np} was perfect for a picnic", "we sat outside all afternoon",
            "1|the sun came out for {np}", "1|we spent {np} at the beach", "the sky was clear all day",
            "we got a lovely tan", "1|{np} was warm and sunny"],
    },
    "games": {
        0: ["0|{np} kept crashing", "0|{np} crashed every five minutes", "0|{np} froze on me", "0|{np} deleted my save",
            "0|{np} would not load", "0|i got bored of {np} after an hour", "0|i gave up on {np}", "1|we lost {np} badly",
            "0|{np} wasted my whole weekend", "0|the update broke {np}", "0|{np} cost too much and crashed",
            "1|{np} was over in ten minutes"],
        1: ["0|i played {np} all weekend", "0|{np} kept me hooked for weeks", "1|we won {np}", "0|{np} ran smoothly",
            "0|the whole family played {np}", "0|i lost track of time playing {np}", "1|{np} went down to the wire",
            "0|i finished {np} and started again", "0|{np} never crashed once"],
    },
    "music": {
        0: ["0|{np} gave me a headache", "1|{np} started two hours late", "1|we left {np} early", "2|{np} forgot the words",
            "2|{np} played out of tune", "1|the sound at {np} kept cutting out", "0|i skipped {np} after a minute",
            "1|{np} was over in half an hour", "2|{np} barely spoke to the crowd"],
        1: ["0|{np} made me cry", "1|we danced all night at {np}", "2|{np} played all the hits", "0|i have had {np} on repeat",
            "0|{np} got stuck in my head", "2|{np} sang beautifully", "1|the crowd went wild at {np}", "2|{np} played brilliantly",
            "0|{np} cheered me up"],
    },
    "service": {
        0: ["1|{np} ignored us", "1|{np} ignored us for twenty minutes", "we waited an hour for help", "1|{np} forgot our order",
            "1|{np} shouted at us", "1|{np} overcharged us", "1|{np} rolled their eyes at me", "2|{np} never arrived",
            "2|{np} took three weeks", "2|{np} came a week late", "they lost my order", "1|{np} hung up on me",
            "1|{np} kept us waiting for ages", "2|{np} arrived broken", "1|{np} was on their phone the whole time"],
        1: ["1|{np} helped us straight away", "1|{np} fixed the problem in minutes", "2|{np} arrived a day early",
            "1|{np} went above and beyond", "1|{np} remembered our names", "2|{np} came right on time",
            "1|{np} gave us a discount", "they answered straight away", "1|{np} made us feel welcome", "2|{np} was sorted in a day"],
    },
    "products": {
        0: ["{np} broke after a week", "{np} stopped working", "{np} fell apart", "0|{np} kept crashing", "0|{np} froze all the time",
            "1|{np} fell apart after a month", "0|{np} died after two days", "{np} arrived broken", "0,2|{np} overheated",
            "{np} broke the first time i used it", "i had to send {np} back", "0|the battery on {np} died in an hour",
            "1|{np} gave me blisters", "1|{np} shrank in the wash", "2|{np} leaked everywhere", "0,2|{np} made a horrible noise",
            "{np} lasted a week"],
        1: ["{np} still works like new", "{np} lasted for years", "0,2|{np} works perfectly", "{np} arrived the next day",
            "0|the battery on {np} lasts all day", "1|{np} fit perfectly", "1|{np} kept me warm all winter",
            "{np} was a bargain", "i use {np} every day", "{np} was worth every penny", "0,2|{np} never let me down",
            "i would buy {np} again"],
    },
    "people": {
        0: ["{np} ignored me", "{np} shouted at me", "{np} let me down again", "{np} lied to me", "{np} forgot my birthday",
            "{np} never helped", "{np} was rude to my friends", "{np} made me cry", "{np} laughed at me", "{np} ruined the party",
            "{np} complained all night", "{np} never said thank you"],
        1: ["{np} helped me move house", "{np} made me laugh all night", "{np} cooked us a lovely dinner",
            "{np} listened to me all evening", "{np} looked after me when i was ill", "{np} surprised me with a present",
            "{np} cheered me up", "{np} helped me with my homework", "{np} drove me to the airport", "{np} made time for me"],
    },
}

# Sentences about "it", "this" or "that", with no noun: (label, text); "{worth}" is the domain's.
PRONOUN_ADJS = {1: "good great nice lovely amazing! brilliant! fun fantastic! wonderful! excellent! perfect! awesome!",
                0: "bad terrible! awful! horrible! rubbish dreadful! boring disappointing useless pointless"}
PRONOUN_FIXED = {
    1: ["it was a good idea", "it was a great idea", "that was a great choice", "it was worth it", "it was so worth it",
        "it was worth every penny", "it was money well spent", "i loved it", "i really liked it", "i enjoyed it",
        "it made my day", "that was the best day", "it was a big success", "it was a nice surprise", "that was fun",
        "it was a lot of fun", "it was better than i expected", "it went really well", "i was happy with it",
        "it was just what i needed", "it did the job", "i have no regrets", "i would do it again",
        "it was not bad at all", "i did not hate it", "i could not ask for more", "it was a treat", "it was spot on"],
    0: ["it was a bad idea", "that was a waste of {worth}", "it was a waste of {worth}",
        "it was not worth it", "it was not worth the {worth}", "i hated it", "i did not like it", "i did not enjoy it",
        "i didn't like it at all", "it ruined my day", "that was a mistake", "it was a big mistake", "it was a disaster",
        "it was a total mess", "it was worse than i expected", "it went badly", "i was not happy with it",
        "it was a letdown", "i regret it", "i would never do it again", "it was no fun at all", "it was not good",
        "it was not great", "it wasn't good at all", "it was not much fun", "it did not work", "it was a nightmare",
        "i wish i had not bothered"],
}
