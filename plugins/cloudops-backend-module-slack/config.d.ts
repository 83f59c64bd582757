export interface Config {
  cloudops?: {
    /** Slack for CloudOps AI (the Slack module). */
    slack?: {
      /**
       * A bot token (xoxb-…) with chat:write, channels:history (to find a
       * message again after a crash) and users:read.email (to map approvers
       * by email). Messages go to channels, updates into threads.
       *
       * @visibility secret
       */
      botToken?: string;
      /**
       * An incoming webhook URL: messages go to its channel (no threads).
       *
       * @visibility secret
       */
      webhookUrl?: string;
      /**
       * Incoming webhooks by target name, for rules whose target is a name.
       *
       * @visibility secret
       */
      webhooks?: { [target: string]: string };
      /**
       * The app's signing secret: enables the interactions route
       * (`/api/cloudops/slack/interactions`, the app's Request URL).
       *
       * @visibility secret
       */
      signingSecret?: string;
      /**
       * Where messages go when the rule names no channel and the owning team
       * has no `slack.com/channel` annotation.
       *
       * @visibility backend
       */
      defaultChannel?: string;
      /**
       * The Web API base URL, `https://slack.com/api/` unless testing.
       *
       * @visibility backend
       */
      apiUrl?: string;
    };
  };
}
