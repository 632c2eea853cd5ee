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
