import adClickPrediction from './ad-click-prediction';
import ecommerceSearchRanking from './ecommerce-search-ranking';
import eventRecommendation from './event-recommendation';
import fraudDetection from './fraud-detection';
import harmfulContentDetection from './harmful-content-detection';
import newsFeed from './news-feed';
import peopleYouMayKnow from './people-you-may-know';
import similarListings from './similar-listings';
import stockTrendSocial from './stock-trend-social';
import streetViewBlurring from './street-view-blurring';
import videoRecommendation from './video-recommendation';
import videoSearch from './video-search';
import visualSearch from './visual-search';
import type { CaseStudy } from './types';

/** The case studies in the order the gallery lists them (the order of the domain notes). */
export const CASE_STUDIES: CaseStudy[] = [
  visualSearch,
  streetViewBlurring,
  videoSearch,
  harmfulContentDetection,
  videoRecommendation,
  eventRecommendation,
  adClickPrediction,
  similarListings,
  newsFeed,
  peopleYouMayKnow,
  ecommerceSearchRanking,
  fraudDetection,
  stockTrendSocial,
];
