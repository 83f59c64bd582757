export interface Config {
  cloudops?: {
    /** Slack for CloudOps AI (the Slack module). */
    slack?: {
      /**
       * A bot token (xoxb-…) with chat:write, channels:history (to find a
       * message again after a crash) and, with `signInByEmail`, users:read
       * and users:read.email (to map members by email). Messages go to
       * channels, updates into threads.
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
       * The Slack workspace (`T…`) and Enterprise Grid organisation (`E…`)
       * ids whose members' clicks are taken. A click from another workspace
       * the app is installed in, or by a member of another organisation in
       * a shared channel (Slack Connect), is refused and audited. Not set:
       * clicks from anywhere are taken, and a warning is logged at start-up.
       *
       * @visibility backend
       */
      teamIds?: string[];
      /**
       * Whether a Slack member whom no catalog User names in its
       * `slack.com/bot-notify` annotation may be signed in as the User whose
       * `spec.profile.email` is their Slack email (default false). Only the
       * confirmed email of a full member counts (not a guest, a bot, a
       * deactivated account or a member of another organisation); it needs
       * a bot token with users:read and users:read.email. Read by the
       * plugin and by the auth module, which ignores emails when it is off.
       *
       * @visibility backend
       */
      signInByEmail?: boolean;
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
